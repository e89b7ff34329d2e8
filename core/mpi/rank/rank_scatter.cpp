// mpi_scatter: the static pattern, MPI_Scatterv the inputs in blocks, compute, MPI_Gatherv the
// results. The START/END messages are the lab's instrumentation beside that data path.
#include <array>
#include <climits>
#include <numeric>

#include "mpi/mpi_plan.h"
#include "mpi/mpi_protocol.h"
#include "mpi/rank/rank_run.h"

namespace plab::mpi::rank {

namespace {

void wait_all(std::array<MPI_Request, 2>& reqs) {
    wait_quietly([&] {
        int done = 0;
        MPI_Testall(2, reqs.data(), &done, MPI_STATUSES_IGNORE);
        return done != 0;
    });
}

void master(const Rank& self, const Blocks& blocks, LineWriter& out) {
    const int tasks = self.args.spec.tasks;
    std::vector<std::int64_t> xs(static_cast<std::size_t>(tasks));
    std::iota(xs.begin(), xs.end(), std::int64_t{0});
    std::vector<Value> values(xs.size());
    Expected expected(self.args, self.size);
    std::vector<int> left = blocks.counts;  // tasks each rank has not ended yet
    const std::int64_t begin = self.now();
    out.line(kLineBegin).field(begin).end();
    for (int r = 1; r < self.size; ++r) {
        const auto i = static_cast<std::size_t>(r);
        if (blocks.counts[i] == 0) continue;
        out.line(kLineGive).field(r).field(blocks.displs[i]).field(blocks.counts[i]).end();
        expected.given(r, blocks.displs[i], 1, begin);
    }
    MPI_Request scatter = MPI_REQUEST_NULL;
    std::int64_t none = 0;
    MPI_Iscatterv(xs.data(), blocks.counts.data(), blocks.displs.data(), MPI_INT64_T, &none, 0,
                  MPI_INT64_T, kRootRank, MPI_COMM_WORLD, &scatter);
    // Relaying START/END messages drives the scatter too (every MPI call makes progress).
    std::string bytes;
    for (int ended = 0; ended < tasks;) {
        out.flush();
        const MPI_Status status = probe_quietly(MPI_ANY_SOURCE, expected.quiet_until());
        const int from = status.MPI_SOURCE;
        if (status.MPI_TAG == kTagStart) {
            const auto [x, t] = relay_start(out, from, tasks);
            expected.after(from, x, t);
            continue;
        }
        if (status.MPI_TAG != kTagEnd)
            abort_job("rank " + std::to_string(from) + " sent tag " +
                      std::to_string(status.MPI_TAG));
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
    wait_request(scatter);
    // The lesson's results come back through the gather, in input order.
    std::vector<std::int64_t> gathered(xs.size());
    std::vector<std::int8_t> ok(xs.size());
    std::array<MPI_Request, 2> gathers{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    std::int8_t no_flag = 0;
    MPI_Igatherv(&none, 0, MPI_INT64_T, gathered.data(), blocks.counts.data(), blocks.displs.data(),
                 MPI_INT64_T, kRootRank, MPI_COMM_WORLD, &gathers[0]);
    MPI_Igatherv(&no_flag, 0, MPI_INT8_T, ok.data(), blocks.counts.data(), blocks.displs.data(),
                 MPI_INT8_T, kRootRank, MPI_COMM_WORLD, &gathers[1]);
    wait_all(gathers);
    const std::int64_t last = self.now();
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = ok[i] != 0 ? Value(gathered[i]) : Value();
    write_results(out, values, begin, last);
    out.flush();
}

void worker(const Rank& self, const Blocks& blocks) {
    const int n = blocks.counts[static_cast<std::size_t>(self.rank)];
    std::vector<std::int64_t> xs(static_cast<std::size_t>(n));
    MPI_Request scatter = MPI_REQUEST_NULL;
    MPI_Iscatterv(nullptr, nullptr, nullptr, MPI_INT64_T, xs.data(), n, MPI_INT64_T, kRootRank,
                  MPI_COMM_WORLD, &scatter);
    wait_request(scatter);
    TaskRunner runner(self.args.spec);
    std::vector<std::int64_t> values(xs.size());
    std::vector<std::int8_t> ok(xs.size());
    std::string bytes;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (xs[i] < 0 || xs[i] >= self.args.spec.tasks) abort_job("a bad block from rank 0");
        const std::int64_t t = self.now();
        send_start(self, xs[i], t);
        const TaskRecord r = runner.run(xs[i], t, self);
        bytes.clear();
        write_record(r, bytes);
        if (bytes.size() > INT_MAX) abort_job("a task's result exceeds 2 GiB");
        send_quietly(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kTagEnd);
        ok[i] = r.ok && r.value.kind() == Value::Kind::Int ? 1 : 0;
        values[i] = ok[i] != 0 ? r.value.as_int() : 0;
    }
    std::array<MPI_Request, 2> gathers{MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    MPI_Igatherv(values.data(), n, MPI_INT64_T, nullptr, nullptr, nullptr, MPI_INT64_T, kRootRank,
                 MPI_COMM_WORLD, &gathers[0]);
    MPI_Igatherv(ok.data(), n, MPI_INT8_T, nullptr, nullptr, nullptr, MPI_INT8_T, kRootRank,
                 MPI_COMM_WORLD, &gathers[1]);
    wait_all(gathers);
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
