#include "mpi/rank/rank_task.h"

#include <signal.h>
#include <unistd.h>

#include <exception>

#include "experiment/durations.h"
#include "experiment/payload.h"
#include "mpi/mpi_payload.h"
#include "mpi/rank/rank_io.h"

namespace plab::mpi::rank {

TaskRunner::TaskRunner(const ExperimentSpec& spec)
    : crash_task_(spec.crash_task), payload_bytes_(spec.payload_bytes) {
    const Task task = planned_task(spec);
    entry_ = find_task(task.name());
    if (entry_ == nullptr) throw UnknownTask("no task named '" + task.name() + "' in the rank");
    args_.emplace_back(std::int64_t{0});
    args_.insert(args_.end(), task.bound().begin(), task.bound().end());
}

TaskRecord TaskRunner::run(std::int64_t x, std::int64_t start_ns, const Rank& self,
                           std::string_view data, const std::shared_ptr<const void>& owner) {
    TaskRecord r;
    r.task = x;
    r.start_ns = start_ns;
    if (x == crash_task_) ::kill(::getpid(), SIGKILL);  // as a segfault would
    if (payload_bytes_ > 0) {
        r.error = payload_problem(x, data, payload_bytes_);
        if (!r.error.empty()) {
            r.end_ns = self.now();
            return r;
        }
        args_[0] = Value::tuple(x, Value::bytes_in(owner, data));
    } else {
        args_[0] = Value(x);
    }
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

void settle_payload(TaskRecord& r, std::int64_t payload_bytes) {
    if (!r.ok || payload_bytes <= 0) return;
    r.error = check_payload_result(r.value, r.task, payload_bytes);
    r.ok = r.error.empty();
    r.value = r.ok ? payload_result_value(r.value) : Value();
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
