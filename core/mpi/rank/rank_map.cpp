// mpi_map: the dynamic master/worker protocol, like MPIPoolExecutor.map with a chunksize.
#include <array>
#include <climits>
#include <memory>

#include "mpi/mpi_payload.h"
#include "mpi/mpi_plan.h"
#include "mpi/mpi_protocol.h"
#include "mpi/rank/rank_run.h"

namespace plab::mpi::rank {

namespace {

void master(const Rank& self, LineWriter& out) {
    const ExperimentSpec& spec = self.args.spec;
    const std::vector<Chunk> chunks = map_chunks(spec.tasks, effective_chunksize(spec));
    std::vector<Value> values(static_cast<std::size_t>(spec.tasks));
    std::size_t next = 0;
    int busy = 0;  // workers holding a chunk
    Expected expected(self.args, self.size);
    std::string payloads;  // one chunk's at a time: rank 0 never holds every task's bytes
    const std::int64_t corrupt = corrupt_task_from_env();
    const std::int64_t begin = self.now();
    out.line(kLineBegin).field(begin).end();
    serial_part(self, out);
    // Invariant: each worker holds at most one chunk, and gets STOP exactly once, in answer
    // to its last result (or at once when there is no chunk for it).
    const auto hand_out = [&](int worker) {
        if (next == chunks.size()) {
            const char none = 0;
            send_quietly(&none, 0, MPI_BYTE, worker, kTagStop);
            expected.never(worker);
            return;
        }
        const Chunk c = chunks[next++];
        const std::array<std::int64_t, 2> m{c.first, c.count};
        send_quietly(m.data(), 2, MPI_INT64_T, worker, kTagChunk);
        if (spec.payload_bytes > 0) {  // count x payload <= tasks x payload <= 1 GiB
            payloads.clear();
            append_payloads(payloads, c.first, c.count, spec.payload_bytes);
            corrupt_for_test(payloads, c.first, c.count, spec.payload_bytes, corrupt);
            send_quietly(payloads.data(), static_cast<int>(payloads.size()), MPI_BYTE, worker,
                         kTagPayload, true);
        }
        out.line(kLineGive).field(worker).field(c.first).field(c.count).end();
        expected.given(worker, c.first, c.count, self.now());
        ++busy;
    };
    for (int w = 1; w < self.size; ++w)
        hand_out(w);
    std::int64_t last = begin;
    std::string bytes;
    while (busy > 0) {
        const MPI_Status status = next_message(out, expected);
        const int from = status.MPI_SOURCE;
        if (status.MPI_TAG == kTagStart) {
            const auto [x, t] = relay_start(out, from, spec.tasks);
            expected.after(from, x, t);
            continue;
        }
        if (status.MPI_TAG != kTagResult) unexpected(status);
        receive_bytes(status, bytes);
        last = self.now();
        try {
            ByteReader in(bytes);
            while (!in.done()) {
                TaskRecord r = read_record(in);
                settle_payload(r, spec.payload_bytes);
                write_end(out, from, r, values);
            }
        } catch (const DecodeError& e) {
            abort_job("a bad result from rank " + std::to_string(from) + ": " + e.what());
        }
        --busy;
        hand_out(from);
    }
    write_results(out, values, begin, last);
    out.flush();
}

/// A worker: the payloads of the chunk first..first+count-1, sent right after it. What arrived
/// is kept as it is, shorter or not: each task checks its own bytes (TaskRunner::run).
std::shared_ptr<std::string> receive_payloads(const ExperimentSpec& spec, std::int64_t count) {
    auto data = std::make_shared<std::string>(
        static_cast<std::size_t>(spec.payload_bytes > 0 ? count * spec.payload_bytes : 0), '\0');
    if (spec.payload_bytes <= 0) return data;
    MPI_Status status{};
    MPI_Request req = MPI_REQUEST_NULL;
    MPI_Irecv(data->data(), static_cast<int>(data->size()), MPI_BYTE, 0, kTagPayload,
              MPI_COMM_WORLD, &req);
    wait_request(req, &status, true);
    int got = 0;
    MPI_Get_count(&status, MPI_BYTE, &got);
    data->resize(static_cast<std::size_t>(std::max(got, 0)));
    return data;
}

/// Task x's bytes in a chunk's payloads starting with task first (shorter, or empty, when
/// fewer bytes arrived).
std::string_view task_bytes(const std::string& data, std::int64_t first, std::int64_t x,
                            std::int64_t payload_bytes) {
    const auto at = static_cast<std::size_t>((x - first) * payload_bytes);
    if (at >= data.size()) return {};
    return std::string_view(data).substr(at, static_cast<std::size_t>(payload_bytes));
}

void worker(const Rank& self) {
    const ExperimentSpec& spec = self.args.spec;
    TaskRunner runner(spec);
    std::string bytes;
    for (;;) {
        std::array<std::int64_t, 2> m{};
        MPI_Status status{};
        MPI_Request req = MPI_REQUEST_NULL;
        MPI_Irecv(m.data(), 2, MPI_INT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &req);
        wait_request(req, &status);
        if (status.MPI_TAG == kTagStop) return;
        const auto [first, count] = m;
        if (status.MPI_TAG != kTagChunk || first < 0 || count < 1 || count > spec.tasks ||
            first > spec.tasks - count) {
            abort_job("a bad chunk from rank 0");
        }
        const std::shared_ptr<std::string> data = receive_payloads(spec, count);
        bytes.clear();
        for (std::int64_t x = first; x < first + count; ++x) {
            const std::int64_t t = self.now();
            send_start(self, x, t);
            write_record(
                runner.run(x, t, self, task_bytes(*data, first, x, spec.payload_bytes), data),
                bytes);
        }
        if (bytes.size() > INT_MAX) abort_job("a chunk's results exceed 2 GiB");
        send_quietly(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kTagResult,
                     spec.payload_bytes > 0);
    }
}

}  // namespace

void run_map(const Rank& self, LineWriter* out) {
    if (out != nullptr) {
        master(self, *out);
    } else {
        worker(self);
    }
}

}  // namespace plab::mpi::rank
