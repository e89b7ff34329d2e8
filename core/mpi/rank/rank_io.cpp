#include "mpi/rank/rank_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "experiment/event_stream.h"
#include "mpi/mpi_protocol.h"
#include "pool/clock.h"

namespace plab::mpi::rank {

namespace {
std::int64_t g_skew_ns = 0;
}  // namespace

void read_clock_skew() {
    const char* text = std::getenv(std::string(kEnvClockSkewNs).c_str());
    if (text == nullptr) return;
    const auto skew = whole_integer<std::int64_t>(text);
    // A day either way at most: a simulated skew, never an overflow of the clock.
    constexpr std::int64_t kDay = 86'400LL * 1'000'000'000;
    if (skew && *skew >= -kDay && *skew <= kDay) g_skew_ns = *skew;
}

std::int64_t local_ns() {
    return monotonic_ns() + g_skew_ns;
}

void wait_request(MPI_Request& req, MPI_Status* status, bool data) {
    wait_quietly(
        [&] {
            int done = 0;
            MPI_Test(&req, &done, status);
            return done != 0;
        },
        0, data ? kDataPauseNs : 0);
}

void send_quietly(const void* data, int size, MPI_Datatype type, int to, int tag, bool moves_data) {
    MPI_Request req = MPI_REQUEST_NULL;
    // MPI_Isend takes a non-const buffer in old headers; it never writes to it.
    MPI_Isend(const_cast<void*>(data), size, type, to, tag, MPI_COMM_WORLD, &req);
    wait_request(req, MPI_STATUS_IGNORE, moves_data);
}

MPI_Status probe_quietly(int source, std::int64_t quiet_until_ns) {
    MPI_Status status{};
    wait_quietly(
        [&] {
            int flag = 0;
            MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
            return flag != 0;
        },
        quiet_until_ns);
    return status;
}

LineWriter& LineWriter::line(std::string_view kind) {
    if (buffer_.empty()) since_ns_ = local_ns();
    buffer_.append(kLinePrefix);
    return field(kind);
}

LineWriter& LineWriter::field(std::string_view text) {
    if (!buffer_.empty() && buffer_.back() != '\n') buffer_.push_back('\t');
    buffer_.append(text);
    return *this;
}

LineWriter& LineWriter::text(std::string_view text) {
    return field(events::escape(text));
}

LineWriter& LineWriter::field(std::int64_t n) {
    return field(std::string_view(std::to_string(n)));
}

bool LineWriter::overdue() const {
    return !buffer_.empty() &&
           (buffer_.size() >= std::size_t{64} * 1024 || local_ns() - since_ns_ >= 1'000'000);
}

void LineWriter::flush() {
    std::size_t at = 0;
    while (at < buffer_.size()) {
        const ssize_t n = ::write(1, buffer_.data() + at, buffer_.size() - at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) abort_job("cannot write to standard output (the engine is gone?)");
        at += static_cast<std::size_t>(n);
    }
    buffer_.clear();
}

void abort_job(const std::string& why) {
    int initialized = 0;
    MPI_Initialized(&initialized);
    int rank = -1;
    if (initialized != 0) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    std::fprintf(stderr, "parallel-lab rank %d: %s\n", rank, why.c_str());
    std::fflush(stderr);
    if (initialized != 0) MPI_Abort(MPI_COMM_WORLD, 1);
    std::_Exit(1);
}

}  // namespace plab::mpi::rank
