// mpi_scatter: the static pattern, MPI_Scatterv the inputs in blocks, compute, MPI_Gatherv the
// results. The START/END messages are the lab's instrumentation beside that data path.
#include <array>
#include <climits>
#include <cstring>
#include <memory>
#include <numeric>
#include <span>

#include "experiment/payload.h"
#include "mpi/mpi_payload.h"
#include "mpi/mpi_plan.h"
#include "mpi/mpi_protocol.h"
#include "mpi/rank/rank_run.h"

namespace plab::mpi::rank {

namespace {

/// data: the requests move payload bytes (wait_quietly's kDataPauseNs).
void wait_all(std::span<MPI_Request> reqs, bool data) {
    wait_quietly(
        [&] {
            int done = 0;
            MPI_Testall(static_cast<int>(reqs.size()), reqs.data(), &done, MPI_STATUSES_IGNORE);
            return done != 0;
        },
        0, data ? kDataPauseNs : 0);
}

/// One task's payload as one MPI element, so the blocks' counts and displacements count tasks
/// for the payloads as for the inputs. MPI_DATATYPE_NULL (and nothing to free) without one.
class PayloadType {
  public:
    explicit PayloadType(std::int64_t bytes) {
        if (bytes <= 0) return;  // bytes <= 64 MiB (validate): an int
        MPI_Type_contiguous(static_cast<int>(bytes), MPI_BYTE, &type_);
        MPI_Type_commit(&type_);
    }
    ~PayloadType() {
        if (type_ != MPI_DATATYPE_NULL) MPI_Type_free(&type_);
    }
    PayloadType(const PayloadType&) = delete;
    PayloadType& operator=(const PayloadType&) = delete;
    bool some() const { return type_ != MPI_DATATYPE_NULL; }
    MPI_Datatype get() const { return type_; }

  private:
    MPI_Datatype type_ = MPI_DATATYPE_NULL;
};

/// Rank 0 after the gather: every task that ended well whose bytes did not come back intact
/// fails (a lost line, None in values), as the pool's settle_payloads does.
void check_returned(LineWriter& out, const std::string& all, std::int64_t payload_bytes,
                    const std::vector<std::int8_t>& ok, std::vector<Value>& values) {
    if (payload_bytes <= 0) return;
    const std::string_view data(all);
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (ok[i] == 0) continue;
        const std::string why =
            payload_problem(static_cast<std::int64_t>(i),
                            data.substr(i * static_cast<std::size_t>(payload_bytes),
                                        static_cast<std::size_t>(payload_bytes)),
                            payload_bytes, PayloadWay::CameBack);
        if (why.empty()) continue;
        out.line(kLineLost).field(static_cast<std::int64_t>(i)).text(why).end();
        values[i] = Value();
    }
}

void master(const Rank& self, const Blocks& blocks, LineWriter& out) {
    const int tasks = self.args.spec.tasks;
    std::vector<std::int64_t> xs(static_cast<std::size_t>(tasks));
    std::iota(xs.begin(), xs.end(), std::int64_t{0});
    std::vector<Value> values(xs.size());
    Expected expected(self.args, self.size);
    std::vector<int> left = blocks.counts;  // tasks each rank has not ended yet
    // Every task's bytes, as the pool's parent holds every argument (tasks x payload <= 1 GiB);
    // the gather brings them back into the same buffer, so rank 0 never holds them twice.
    const std::int64_t payload_bytes = self.args.spec.payload_bytes;
    const PayloadType payload(payload_bytes);
    std::string all;
    if (payload.some()) {
        append_payloads(all, 0, tasks, payload_bytes);
        corrupt_for_test(all, 0, tasks, payload_bytes, corrupt_task_from_env());
    }
    const std::int64_t begin = self.now();
    out.line(kLineBegin).field(begin).end();
    serial_part(self, out);
    const std::int64_t given = self.now();
    for (int r = 1; r < self.size; ++r) {
        const auto i = static_cast<std::size_t>(r);
        if (blocks.counts[i] == 0) continue;
        out.line(kLineGive).field(r).field(blocks.displs[i]).field(blocks.counts[i]).end();
        expected.given(r, blocks.displs[i], 1, given);
    }
    std::array<MPI_Request, 2> scatters{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    std::int64_t none = 0;
    MPI_Iscatterv(xs.data(), blocks.counts.data(), blocks.displs.data(), MPI_INT64_T, &none, 0,
                  MPI_INT64_T, kRootRank, MPI_COMM_WORLD, &scatters[0]);
    if (payload.some()) {
        MPI_Iscatterv(all.data(), blocks.counts.data(), blocks.displs.data(), payload.get(),
                      nullptr, 0, payload.get(), kRootRank, MPI_COMM_WORLD, &scatters[1]);
        // The blocks' bytes move first (at the data pace): the workers' start and end messages
        // wait in Open MPI's queue meanwhile and are relayed with their own times after.
        wait_all(scatters, true);
    }
    // Relaying START/END messages drives the scatter too (every MPI call makes progress).
    std::string bytes;
    for (int ended = 0; ended < tasks;) {
        const MPI_Status status = next_message(out, expected);
        const int from = status.MPI_SOURCE;
        if (status.MPI_TAG == kTagStart) {
            const auto [x, t] = relay_start(out, from, tasks);
            expected.after(from, x, t);
            continue;
        }
        if (status.MPI_TAG != kTagEnd) unexpected(status);
        receive_bytes(status, bytes);
        try {
            ByteReader in(bytes);
            const TaskRecord r = read_record(in);
            if (!in.done()) throw DecodeError("bytes after the record");
            write_end(out, from, r, values);
            // The blocks are runs of tasks: the rank goes on with r.task + 1.
            if (--left.at(static_cast<std::size_t>(from)) <= 0) {
                expected.never(from);
            } else {
                expected.given(from, r.task + 1, 1, self.now());
            }
        } catch (const DecodeError& e) {
            abort_job("a bad result from rank " + std::to_string(from) + ": " + e.what());
        }
        ++ended;
    }
    out.flush();
    wait_all(scatters, payload.some());
    // The lesson's results come back through the gather, in input order.
    std::vector<std::int64_t> gathered(xs.size());
    std::vector<std::int8_t> ok(xs.size());
    std::array<MPI_Request, 3> gathers{MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    std::int8_t no_flag = 0;
    MPI_Igatherv(&none, 0, MPI_INT64_T, gathered.data(), blocks.counts.data(), blocks.displs.data(),
                 MPI_INT64_T, kRootRank, MPI_COMM_WORLD, &gathers[0]);
    MPI_Igatherv(&no_flag, 0, MPI_INT8_T, ok.data(), blocks.counts.data(), blocks.displs.data(),
                 MPI_INT8_T, kRootRank, MPI_COMM_WORLD, &gathers[1]);
    if (payload.some()) {
        MPI_Igatherv(nullptr, 0, payload.get(), all.data(), blocks.counts.data(),
                     blocks.displs.data(), payload.get(), kRootRank, MPI_COMM_WORLD, &gathers[2]);
    }
    wait_all(gathers, payload.some());
    const std::int64_t last = self.now();
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = ok[i] != 0 ? Value(gathered[i]) : Value();
    check_returned(out, all, payload_bytes, ok, values);
    write_results(out, values, begin, last);
    out.flush();
}

void worker(const Rank& self, const Blocks& blocks) {
    const int n = blocks.counts[static_cast<std::size_t>(self.rank)];
    std::vector<std::int64_t> xs(static_cast<std::size_t>(n));
    const std::int64_t payload_bytes = self.args.spec.payload_bytes;
    const PayloadType payload(payload_bytes);
    const auto data = std::make_shared<std::string>(
        payload.some() ? static_cast<std::size_t>(n * payload_bytes) : 0, '\0');
    std::array<MPI_Request, 2> scatters{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    MPI_Iscatterv(nullptr, nullptr, nullptr, MPI_INT64_T, xs.data(), n, MPI_INT64_T, kRootRank,
                  MPI_COMM_WORLD, &scatters[0]);
    if (payload.some()) {
        MPI_Iscatterv(nullptr, nullptr, nullptr, payload.get(), data->data(), n, payload.get(),
                      kRootRank, MPI_COMM_WORLD, &scatters[1]);
    }
    wait_all(scatters, payload.some());
    TaskRunner runner(self.args.spec);
    std::vector<std::int64_t> values(xs.size());
    std::vector<std::int8_t> ok(xs.size());
    std::string bytes;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (xs[i] < 0 || xs[i] >= self.args.spec.tasks) abort_job("a bad block from rank 0");
        const std::int64_t t = self.now();
        send_start(self, xs[i], t);
        const auto slot = static_cast<std::size_t>(payload_bytes) * i;
        TaskRecord r = runner.run(
            xs[i], t, self,
            std::string_view(*data).substr(slot, payload.some() ? payload_bytes : 0), data);
        if (r.ok && payload.some()) {  // (pow, bytes): the bytes go back in the gather
            const std::string_view back = r.value.items().at(1).as_bytes();
            if (back.data() != data->data() + slot)
                data->replace(slot, static_cast<std::size_t>(payload_bytes), back);
            r.value = payload_result_value(r.value);
        }
        bytes.clear();
        write_record(r, bytes);
        if (bytes.size() > INT_MAX) abort_job("a task's result exceeds 2 GiB");
        send_quietly(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kTagEnd);
        ok[i] = r.ok && r.value.kind() == Value::Kind::Int ? 1 : 0;
        values[i] = ok[i] != 0 ? r.value.as_int() : 0;
    }
    std::array<MPI_Request, 3> gathers{MPI_REQUEST_NULL, MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    MPI_Igatherv(values.data(), n, MPI_INT64_T, nullptr, nullptr, nullptr, MPI_INT64_T, kRootRank,
                 MPI_COMM_WORLD, &gathers[0]);
    MPI_Igatherv(ok.data(), n, MPI_INT8_T, nullptr, nullptr, nullptr, MPI_INT8_T, kRootRank,
                 MPI_COMM_WORLD, &gathers[1]);
    if (payload.some()) {
        MPI_Igatherv(data->data(), n, payload.get(), nullptr, nullptr, nullptr, payload.get(),
                     kRootRank, MPI_COMM_WORLD, &gathers[2]);
    }
    wait_all(gathers, payload.some());
}

}  // namespace

void run_scatter(const Rank& self, LineWriter* out) {
    const Blocks blocks = scatter_blocks(self.args.spec.tasks, self.size - 1);
    if (out != nullptr) {
        master(self, blocks, *out);
    } else {
        worker(self, blocks);
    }
}

}  // namespace plab::mpi::rank
