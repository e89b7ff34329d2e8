#include "mpi/rank/rank_task.h"

#include <signal.h>
#include <unistd.h>

#include <exception>

#include "experiment/durations.h"
#include "mpi/rank/rank_io.h"

namespace plab::mpi::rank {

TaskRunner::TaskRunner(const ExperimentSpec& spec) : crash_task_(spec.crash_task) {
    const Task task = planned_task(spec);
    entry_ = find_task(task.name());
    if (entry_ == nullptr) throw UnknownTask("no task named '" + task.name() + "' in the rank");
    args_.emplace_back(std::int64_t{0});
    args_.insert(args_.end(), task.bound().begin(), task.bound().end());
}

TaskRecord TaskRunner::run(std::int64_t x, std::int64_t start_ns, const Rank& self) {
    TaskRecord r;
    r.task = x;
    r.start_ns = start_ns;
    if (x == crash_task_) ::kill(::getpid(), SIGKILL);  // as a segfault would
    args_[0] = Value(x);
    try {
        r.value = entry_->body(args_);
        r.ok = true;
    } catch (const std::exception& e) {
        r.error = e.what();
    } catch (...) {
        r.error = "unknown exception";
    }
    r.end_ns = self.now();
    return r;
}

void write_record(const TaskRecord& r, std::string& out) {
    ByteWriter w(out);
    w.i64(r.task);
    w.i64(r.start_ns);
    w.i64(r.end_ns);
    w.u8(r.ok ? 1 : 0);
    if (r.ok) {
        encode_value(r.value, w);
    } else {
        w.str(r.error);
    }
}

TaskRecord read_record(ByteReader& in) {
    TaskRecord r;
    r.task = in.i64();
    r.start_ns = in.i64();
    r.end_ns = in.i64();
    const std::uint8_t ok = in.u8();
    if (ok > 1) throw DecodeError("a task record's ok flag is " + std::to_string(ok));
    r.ok = ok == 1;
    if (r.ok) {
        r.value = decode_value(in);
    } else {
        r.error = in.str();
    }
    return r;
}

}  // namespace plab::mpi::rank
