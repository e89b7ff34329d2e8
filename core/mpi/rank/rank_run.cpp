#include "mpi/rank/rank_run.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdio>

#include "experiment/durations.h"
#include "experiment/workload.h"
#include "mpi/mpi_protocol.h"

namespace plab::mpi::rank {

Expected::Expected(const RankArgs& args, int ranks)
    : spec_(args.spec),
      starts_(args.starts),
      due_(static_cast<std::size_t>(std::max(ranks, 1)), INT64_MAX) {}

void Expected::at(int w, std::int64_t t_ns) {
    due_.at(static_cast<std::size_t>(w)) = t_ns;
}

std::int64_t Expected::planned(std::int64_t x) const {
    return planned_delay_ns(spec_,
                            static_cast<int>(std::clamp<std::int64_t>(x, 0, spec_.tasks - 1)));
}

void Expected::after(int w, std::int64_t x, std::int64_t start_ns) {
    at(w, start_ns + planned(x));
}

void Expected::given(int w, std::int64_t first, std::int64_t count, std::int64_t t_ns) {
    for (std::int64_t x = first; x < first + count && !starts_; ++x) {
        t_ns += planned(x);
    }
    at(w, t_ns);
}

void Expected::never(int w) {
    at(w, INT64_MAX);
}

std::int64_t Expected::quiet_until() const {
    const std::int64_t first = *std::min_element(due_.begin(), due_.end());
    return first == INT64_MAX ? 0 : first - 1'000'000;
}

MPI_Status next_message(LineWriter& out, const Expected& expected) {
    MPI_Status status{};
    int waiting = 0;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    if (waiting != 0 && !out.overdue()) return status;
    out.flush();
    if (waiting != 0) return status;
    return probe_quietly(MPI_ANY_SOURCE, expected.quiet_until());
}

void write_end(LineWriter& out, int from, const TaskRecord& r, std::vector<Value>& values) {
    if (r.task < 0 || r.task >= static_cast<std::int64_t>(values.size()))
        abort_job("rank " + std::to_string(from) + " reported task " + std::to_string(r.task));
    out.line(kLineEnd).field(r.task).field(from).field(r.start_ns).field(r.end_ns);
    out.field(r.ok ? kEndOk : kEndError).text(r.ok ? r.value.repr() : r.error).end();
    values[static_cast<std::size_t>(r.task)] = r.ok ? r.value : Value();
}

std::array<std::int64_t, 2> relay_start(LineWriter& out, int from, int tasks) {
    std::array<std::int64_t, 2> m{};
    MPI_Recv(m.data(), 2, MPI_INT64_T, from, kTagStart, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (m[0] < 0 || m[0] >= tasks)
        abort_job("rank " + std::to_string(from) + " started task " + std::to_string(m[0]));
    out.line(kLineStart).field(m[0]).field(from).field(m[1]).end();
    return m;
}

void write_results(LineWriter& out, const std::vector<Value>& values, std::int64_t begin_ns,
                   std::int64_t end_ns) {
    out.line(kLineList).field(repr_list(values)).end();
    std::array<char, 64> elapsed{};
    std::snprintf(elapsed.data(), elapsed.size(), "%.9f",
                  static_cast<double>(end_ns - begin_ns) / 1e9);
    out.line(kLineElapsed).field(elapsed.data()).end();
}

void serial_part(const Rank& self, LineWriter& out) {
    if (self.args.serial_ns <= 0) return;
    const std::int64_t start = self.now();
    out.line(kLineSerialStart).field(start).end();
    out.flush();
    spend(self.args.serial_ns, self.args.spec.workload);
    out.line(kLineSerialEnd).field(start).field(self.now()).end();
}

void send_start(const Rank& self, std::int64_t x, std::int64_t t_ns) {
    if (!self.args.starts) return;
    const std::array<std::int64_t, 2> m{x, t_ns};
    send_quietly(m.data(), 2, MPI_INT64_T, 0, kTagStart);
}

void unexpected(const MPI_Status& status) {
    abort_job("rank " + std::to_string(status.MPI_SOURCE) + " sent tag " +
              std::to_string(status.MPI_TAG));
}

void receive_bytes(const MPI_Status& status, std::string& bytes) {
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    if (count < 0 || count == MPI_UNDEFINED) abort_job("a message of unknown size");
    bytes.resize(static_cast<std::size_t>(count));
    MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
}

}  // namespace plab::mpi::rank
