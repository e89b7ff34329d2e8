#include "mpi/mpi_reader.h"

#include <algorithm>

#include "mpi/mpi_protocol.h"
#include "python/python_line.h"

namespace plab::mpi {

namespace {

/// How many of Open MPI's own lines the reader keeps for an error message.
constexpr std::size_t kChatterLines = 20;

}  // namespace

MpiReader::MpiReader(const ExperimentSpec& spec, RunId id, RunObserver* observer, std::string note)
    : spec_(spec),
      id_(id),
      observer_(observer),
      np_(spec.workers + 1),
      note_(std::move(note)),
      ended_(static_cast<std::size_t>(spec.tasks), false),
      results_(static_cast<std::size_t>(spec.tasks)) {}

void MpiReader::line(const std::string& text, std::int64_t now_ns) {
    if (!failure_.empty()) return;
    if (text.rfind(kLinePrefix, 0) != 0) {  // Open MPI's, or a library's: kept for a message
        if (chatter_.size() == kChatterLines) chatter_.erase(chatter_.begin());
        chatter_.push_back(text.substr(0, 300));
        return;
    }
    std::string why;
    const auto l = parse_mpi_line(text, spec_.tasks, np_, &why);
    const bool late = l &&
                      (l->kind == MpiLine::Kind::Give || l->kind == MpiLine::Kind::Start ||
                       l->kind == MpiLine::Kind::End || l->kind == MpiLine::Kind::SerialStart ||
                       l->kind == MpiLine::Kind::SerialEnd) &&
                      !begun();
    if (!l || late) {
        fail("rank 0 wrote a line the lab cannot read (" + (l ? "a task before begin" : why) +
             "): '" + text.substr(0, 120) + "'");
        return;
    }
    const bool timed = l->kind == MpiLine::Kind::Start || l->kind == MpiLine::Kind::End ||
                       l->kind == MpiLine::Kind::SerialStart || l->kind == MpiLine::Kind::SerialEnd;
    const std::int64_t last_ns =
        l->kind == MpiLine::Kind::End || l->kind == MpiLine::Kind::SerialEnd ? l->end_ns : l->t_ns;
    if (timed && (l->t_ns < begin_ns_ - kMaxSpanNs || last_ns - begin_ns_ > kMaxSpanNs)) {
        fail("rank 0 wrote a time more than 11 days from its begin line: '" + text.substr(0, 120) +
             "'");
        return;
    }
    switch (l->kind) {
        case MpiLine::Kind::Hello:
            break;
        case MpiLine::Kind::Rank:
            if (ranks_.count(l->rank) != 0) {
                fail("rank 0 reported rank " + std::to_string(l->rank) + " twice");
                return;
            }
            pids_[l->rank] = l->pid;
            ranks_[l->rank] = RankInfo{l->pid, host_index(l->host)};
            if (ranks_[l->rank].host >= 0)
                hosts_[static_cast<std::size_t>(ranks_[l->rank].host)].ranks.push_back(l->rank);
            break;
        case MpiLine::Kind::Clock: {
            HostClock& h = hosts_[static_cast<std::size_t>(host_index(l->host))];
            h.offset_ns = l->offset_ns;
            h.min_delay_ns = l->delay_ns;
            h.uncertainty_ns = l->delay_ns / 2;
            break;
        }
        case MpiLine::Kind::Begin:
            begin(*l, now_ns);
            break;
        case MpiLine::Kind::Give:
            if (l->count > 0) held_[l->rank].push_back(Chunk{l->first, l->count, l->count});
            break;
        case MpiLine::Kind::Start:
            started(*l, now_ns);
            break;
        case MpiLine::Kind::End:
            ended(*l);
            break;
        case MpiLine::Kind::List:
            printed_list_ = l->text;
            break;
        case MpiLine::Kind::Elapsed:
            elapsed_s_ = l->elapsed_s;
            break;
        case MpiLine::Kind::Lost:
            lost(*l);
            break;
        case MpiLine::Kind::SerialStart:
        case MpiLine::Kind::SerialEnd:
            serial(*l);
            break;
    }
}

int MpiReader::host_index(const std::string& name) {
    for (std::size_t i = 0; i < hosts_.size(); ++i) {
        if (hosts_[i].name == name) return static_cast<int>(i);
    }
    if (hosts_.size() >= 4096) return -1;  // a rank table this large is not Open MPI's
    HostClock h;
    h.name = name;
    hosts_.push_back(std::move(h));
    return static_cast<int>(hosts_.size()) - 1;
}

double MpiReader::seconds(std::int64_t rank0_ns) const {
    return static_cast<double>(rank0_ns - begin_ns_) / 1e9;
}

double MpiReader::launch_s(std::int64_t spawned_ns) const {
    return begun() ? static_cast<double>(begin_engine_ns_ - spawned_ns) / 1e9 : 0;
}

void MpiReader::begin(const MpiLine& l, std::int64_t now_ns) {
    if (begun()) {
        fail("rank 0 wrote begin twice");
        return;
    }
    begin_ns_ = l.t_ns;
    begin_engine_ns_ = now_ns;
    if (observer_ != nullptr) observer_->hosts_ready(id_, hosts_, note_);
}

std::string MpiReader::where(int rank) const {
    std::string out = "rank " + std::to_string(rank);
    const auto it = ranks_.find(rank);
    if (it != ranks_.end() && it->second.host >= 0)
        out += " on " + hosts_[static_cast<std::size_t>(it->second.host)].name;
    return out;
}

TaskRecord MpiReader::record(int task, int rank) const {
    TaskRecord r;
    r.task = task;
    r.worker = rank;
    if (const auto it = ranks_.find(rank); it != ranks_.end()) {
        r.pid = it->second.pid;
        r.host = it->second.host;
    }
    return r;
}

void MpiReader::started(const MpiLine& l, std::int64_t now_ns) {
    TaskRecord r = record(l.task, l.rank);
    r.start_s = seconds(l.t_ns);
    if (ended_[static_cast<std::size_t>(l.task)] || !running_.emplace(l.task, r).second) {
        fail("rank 0 reported task " + std::to_string(l.task) + " starting twice");
        return;
    }
    started_engine_[l.task] = now_ns;
    if (observer_ != nullptr) observer_->task_started(id_, r);
}

void MpiReader::ended(const MpiLine& l) {
    const auto index = static_cast<std::size_t>(l.task);
    if (ended_[index]) {
        fail("rank 0 reported task " + std::to_string(l.task) + " ending twice");
        return;
    }
    ended_[index] = true;
    TaskRecord r;
    if (const auto it = running_.find(l.task); it != running_.end()) {
        r = std::move(it->second);
        running_.erase(it);
        started_engine_.erase(l.task);
    } else {  // no start line (starts=0): the end says when it started
        r = record(l.task, l.rank);
    }
    r.start_s = seconds(l.t_ns);
    r.end_s = seconds(l.end_ns);
    r.ok = l.ok;
    if (l.ok) {
        r.result = python::result_value(l.text);
        results_[index] = r.result;
    } else {
        r.error = l.text;
        errors_[l.task] = l.text;
    }
    if (auto held = held_.find(l.rank); held != held_.end()) {
        auto& chunks = held->second;
        for (auto c = chunks.begin(); c != chunks.end(); ++c) {
            if (l.task < c->first || l.task >= c->first + c->count) continue;
            if (--c->left == 0) chunks.erase(c);
            break;
        }
    }
    if (observer_ != nullptr) observer_->task_finished(id_, r);
    tasks_.push_back(std::move(r));
}

void MpiReader::serial(const MpiLine& l) {
    const bool start = l.kind == MpiLine::Kind::SerialStart;
    if (start == serial_part_.has_value() || (!start && serial_part_->ok)) {
        fail(std::string("rank 0 wrote ") + (start ? "serial_start" : "serial_end") +
             " out of turn");
        return;
    }
    if (start) {
        serial_part_ = record(-1, 0);
        serial_part_->worker = -1;  // the master alone, as the pool's parent: no worker
        serial_part_->start_s = seconds(l.t_ns);
        serial_part_->end_s = serial_part_->start_s;
        if (observer_ != nullptr) observer_->serial_part_started(id_, *serial_part_);
        return;
    }
    serial_part_->start_s = seconds(l.t_ns);
    serial_part_->end_s = seconds(l.end_ns);
    serial_part_->ok = true;
    if (observer_ != nullptr) observer_->serial_part_finished(id_, *serial_part_);
}

void MpiReader::lost(const MpiLine& l) {
    const auto it = std::find_if(tasks_.begin(), tasks_.end(),
                                 [&](const TaskRecord& r) { return r.task == l.task; });
    if (it == tasks_.end() || !it->ok) {
        fail("rank 0 reported task " + std::to_string(l.task) +
             "'s payload lost, but the task had not ended well");
        return;
    }
    // As the pool's settle_payloads: the task failed after all, its value is gone.
    it->ok = false;
    it->result = Value();
    it->error = l.text;
    results_[static_cast<std::size_t>(l.task)] = Value();
    errors_[l.task] = l.text;
}

bool MpiReader::check_timeout(std::int64_t now_ns) {
    if (spec_.task_timeout_ns <= 0 || !failure_.empty()) return false;
    for (const auto& [task, since] : started_engine_) {
        if (now_ns - since <= spec_.task_timeout_ns) continue;
        const TaskRecord& r = running_.at(task);
        fail("task " + std::to_string(task) + " (" + where(r.worker) +
             ") ran longer than the task timeout; MPI cannot stop one rank's task, so the lab "
             "ended the whole job");
        return true;
    }
    return false;
}

std::vector<int> MpiReader::unended_of(int rank) const {
    std::vector<int> out;
    const auto held = held_.find(rank);
    if (held != held_.end()) {
        for (const Chunk& c : held->second) {
            for (int t = c.first; t < c.first + c.count; ++t) {
                if (!ended_[static_cast<std::size_t>(t)]) out.push_back(t);
            }
        }
    }
    for (const auto& [task, r] : running_) {
        if (r.worker == rank && std::find(out.begin(), out.end(), task) == out.end())
            out.push_back(task);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void MpiReader::rank_died(const RankDeath& death, std::int64_t now_ns) {
    RankDeath d = death;
    if (const auto it = ranks_.find(d.rank); it != ranks_.end()) {
        if (d.pid <= 0) d.pid = it->second.pid;
        if (it->second.host >= 0) d.host = hosts_[static_cast<std::size_t>(it->second.host)].name;
    }
    const std::vector<int> lost = d.rank >= 0 ? unended_of(d.rank) : std::vector<int>{};
    std::string held;
    for (std::size_t i = 0; i < lost.size() && i < 8; ++i)
        held += (i == 0 ? "" : ", ") + std::to_string(lost[i]);
    if (lost.size() > 8) held += ", ...";
    const std::string who = describe(d);
    const double end_s = begun() ? static_cast<double>(now_ns - begin_engine_ns_) / 1e9 : 0;
    for (const int task : lost) {
        TaskRecord r;
        if (const auto it = running_.find(task); it != running_.end()) {
            r = it->second;
        } else {
            r = record(task, d.rank);
            r.start_s = end_s;
        }
        r.end_s = std::max(end_s, r.start_s);
        r.ok = false;
        r.error = who + "; Open MPI ended the whole job";
        errors_[task] = r.error;
        ended_[static_cast<std::size_t>(task)] = true;
        if (observer_ != nullptr) observer_->task_finished(id_, r);
        tasks_.push_back(std::move(r));
    }
    running_.clear();
    started_engine_.clear();
    std::size_t done = 0;
    for (const TaskRecord& t : tasks_)
        done += t.ok ? 1 : 0;
    const auto unfinished = static_cast<std::size_t>(spec_.tasks) - done;
    fail(who +
         (lost.empty()
              ? ""
              : (lost.size() == 1 ? " while running task " : " while running tasks ") + held) +
         "; Open MPI ended the whole job, as it does when a rank dies (our pool replaces a dead "
         "worker and goes on): " +
         std::to_string(unfinished) + (unfinished == 1 ? " task" : " tasks") + " did not finish" +
         (d.cause.empty() ? "" : "; Open MPI said: " + d.cause));
}

void MpiReader::fail(std::string why) {
    if (failure_.empty()) failure_ = std::move(why);
}

}  // namespace plab::mpi
