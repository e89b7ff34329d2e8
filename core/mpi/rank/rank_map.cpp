// mpi_map: the dynamic master/worker protocol, like MPIPoolExecutor.map with a chunksize.
#include <array>
#include <climits>

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
    const std::int64_t begin = self.now();
    out.line(kLineBegin).field(begin).end();
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
        out.line(kLineGive).field(worker).field(c.first).field(c.count).end();
        expected.given(worker, c.first, c.count, self.now());
        ++busy;
    };
    for (int w = 1; w < self.size; ++w)
        hand_out(w);
    std::int64_t last = begin;
    std::string bytes;
    while (busy > 0) {
        out.flush();  // live: the engine sees each event before rank 0 waits again
        const MPI_Status status = probe_quietly(MPI_ANY_SOURCE, expected.quiet_until());
        const int from = status.MPI_SOURCE;
        if (status.MPI_TAG == kTagStart) {
            const auto [x, t] = relay_start(out, from, spec.tasks);
            expected.after(from, x, t);
            continue;
        }
        if (status.MPI_TAG != kTagResult)
            abort_job("rank " + std::to_string(from) + " sent tag " +
                      std::to_string(status.MPI_TAG));
        receive_bytes(status, bytes);
        last = self.now();
        try {
            ByteReader in(bytes);
            while (!in.done())
                write_end(out, from, read_record(in), values);
        } catch (const DecodeError& e) {
            abort_job("a bad result from rank " + std::to_string(from) + ": " + e.what());
        }
        --busy;
        hand_out(from);
    }
    write_results(out, values, begin, last);
    out.flush();
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
        bytes.clear();
        for (std::int64_t x = first; x < first + count; ++x) {
            const std::int64_t t = self.now();
            send_start(self, x, t);
            write_record(runner.run(x, t, self), bytes);
        }
        if (bytes.size() > INT_MAX) abort_job("a chunk's results exceed 2 GiB");
        send_quietly(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, kTagResult);
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
