#include "sweep_data.h"

#include <algorithm>

namespace plab::ui {

TaskState finished_state(bool ok, std::string_view text) {
    if (ok) return TaskState::Ok;
    if (text == "cancelled") return TaskState::Cancelled;
    const bool worker_died = (text.starts_with("worker ") || text.starts_with("rank ")) &&
                             text.find(" (pid ") != text.npos;
    const bool timed_out =
        text.starts_with("timed out after ") && text.find("was killed and replaced") != text.npos;
    return worker_died || timed_out ? TaskState::Crashed : TaskState::Failed;
}

std::string crash_cause(std::string_view error) {
    if (error.starts_with("timed out")) return "timed out";
    if (const auto sig = error.find("(SIG"); sig != error.npos) {
        const auto close = error.find(')', sig);
        if (close != error.npos)
            return "killed by " + std::string(error.substr(sig + 1, close - sig - 1));
    }
    if (const auto exited = error.find("exited with status "); exited != error.npos) {
        auto end = exited + 19;
        while (end < error.size() && error[end] >= '0' && error[end] <= '9')
            ++end;
        return std::string(error.substr(exited, end - exited));
    }
    return "worker died";
}

void SweepData::clear() {
    const auto revision = revision_ + 1, runs_revision = runs_revision_ + 1;
    *this = SweepData();
    revision_ = revision;  // keep counting up, so views never mistake new data for old
    runs_revision_ = runs_revision;
}

void SweepData::begin_leg(const SweepSpec& leg) {
    legs_.push_back(leg);
    leg_offset_ = runs_.size();
    leg_planned_offset_ = planned_.size();
    for (auto& spec : plan_runs(leg))
        planned_.push_back(spec);
    ++revision_;
    ++runs_revision_;
}

const RunRecord* SweepData::run(int number) const {
    if (number < 1 || number > static_cast<int>(runs_.size())) return nullptr;
    return &runs_[static_cast<std::size_t>(number - 1)];
}

RunRecord* SweepData::find_run(int engine_run, std::string* error) {
    const auto index = leg_offset_ + static_cast<std::size_t>(engine_run) - 1;
    if (engine_run < 1 || index >= runs_.size()) {
        if (error) {
            *error =
                "an event names run " + std::to_string(engine_run) + ", which was never announced";
        }
        return nullptr;
    }
    return &runs_[index];
}

void SweepData::make_room(const RunRecord& keep) {
    for (auto& run : runs_) {
        if (stored_bars_ < kMaxStoredBars) return;
        if (&run == &keep || !run.ended() || run.details_dropped) continue;
        stored_bars_ -= run.bars.size();
        run.bars = {};
        run.texts = {};
        run.completion = {};
        for (auto& lane : run.lanes)
            lane.bars = {};
        run.details_dropped = true;
    }
}

void SweepData::add_bar(RunRecord& run, const TaskRecord& task, std::size_t* bar_index) {
    if (stored_bars_ >= kMaxStoredBars) make_room(run);
    if (run.details_dropped || stored_bars_ >= kMaxStoredBars) {
        run.details_dropped = true;
        *bar_index = static_cast<std::size_t>(-1);
        return;
    }
    auto lane_it = std::find_if(run.lanes.begin(), run.lanes.end(), [&](const Lane& l) {
        return l.worker == task.worker && l.pid == task.pid;
    });
    if (lane_it == run.lanes.end()) {
        run.lanes.push_back(Lane{task.worker, task.pid, {}, task.host});
        const int added = static_cast<int>(run.lanes.size()) - 1;
        auto pos = std::upper_bound(run.lane_order.begin(), run.lane_order.end(), added,
                                    [&](int a, int b) {
                                        return run.lanes[static_cast<std::size_t>(a)].worker <
                                               run.lanes[static_cast<std::size_t>(b)].worker;
                                    });
        run.lane_order.insert(pos, added);
        lane_it = run.lanes.end() - 1;
    }
    const int lane = static_cast<int>(lane_it - run.lanes.begin());
    const int index = static_cast<int>(run.bars.size());
    run.bars.push_back(TaskBar{task.task, lane, task.start_s, task.end_s, false, false});
    run.texts.emplace_back();
    auto& order = lane_it->bars;
    if (order.empty() || run.bars[static_cast<std::size_t>(order.back())].start_s <= task.start_s) {
        order.push_back(index);
    } else {  // a worker's tasks come in start order; this keeps the lane sorted if not
        auto pos = std::upper_bound(order.begin(), order.end(), task.start_s, [&](double t, int b) {
            return t < run.bars[static_cast<std::size_t>(b)].start_s;
        });
        order.insert(pos, index);
    }
    ++stored_bars_;
    *bar_index = static_cast<std::size_t>(index);
}

bool SweepData::apply(const events::Event& e, double now_s, std::string* error) {
    using Kind = events::Event::Kind;
    switch (e.kind) {
        case Kind::Header:
            return true;
        case Kind::Run: {
            if (legs_.empty()) {
                if (error) *error = "a run line came before any sweep was announced";
                return false;
            }
            RunRecord run;
            run.number = static_cast<int>(runs_.size()) + 1;
            run.leg = static_cast<int>(legs_.size()) - 1;
            run.planned_index = static_cast<int>(leg_planned_offset_) + e.id.run - 1;
            run.id = e.id;
            run.spec = e.spec;
            run.chunksize = e.chunksize;
            run.chunk_setting = legs_.back().base.chunksize;
            run.received_at_s = now_s;
            runs_.push_back(std::move(run));
            ++runs_revision_;
            break;
        }
        case Kind::Start: {
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            std::size_t bar = 0;
            add_bar(*run, e.task, &bar);
            if (bar != static_cast<std::size_t>(-1)) run->open[e.task.task] = static_cast<int>(bar);
            run->latest_s = std::max(run->latest_s, e.task.start_s);
            break;
        }
        case Kind::Task: {
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            const TaskState state = finished_state(e.task.ok, e.text);
            std::size_t bar = static_cast<std::size_t>(-1);
            if (auto it = run->open.find(e.task.task); it != run->open.end()) {
                bar = static_cast<std::size_t>(it->second);
                run->open.erase(it);
            } else if (e.task.worker >= 0) {  // a task that never reached a worker has no bar
                add_bar(*run, e.task, &bar);
            }
            if (bar != static_cast<std::size_t>(-1) && bar < run->bars.size()) {
                auto& b = run->bars[bar];
                b.end_s = e.task.end_s;
                b.finished = true;
                b.ok = e.task.ok;
                b.state = state;
                run->texts[bar] = e.text;
                run->completion.push_back(static_cast<int>(bar));
            }
            ++run->finished_tasks;
            if (state == TaskState::Cancelled) ++run->cancelled_tasks;
            if (state == TaskState::Crashed) ++run->crashed_tasks;
            if (!e.task.ok && state != TaskState::Cancelled) ++run->failed_tasks;
            run->latest_s = std::max(run->latest_s, e.task.end_s);
            break;
        }
        case Kind::End: {
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            run->end = RunEnd{e.elapsed_s,  e.serial_s, e.ideal_s,   e.speedup, e.efficiency,
                              e.karp_flatt, e.failed,   e.cancelled, e.text};
            run->latest_s = std::max(run->latest_s, e.elapsed_s);
            run->open.clear();
            ++runs_revision_;
            break;
        }
        case Kind::Done:
            exit_codes_.push_back(e.exit_code);
            break;
        case Kind::SerialStart:
        case Kind::Serial: {  // the parent's serial part: a bar of its own lane (worker -1)
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            std::size_t bar = static_cast<std::size_t>(-1);
            if (auto it = run->open.find(-1); it != run->open.end()) {
                bar = static_cast<std::size_t>(it->second);
                run->open.erase(it);
            } else {
                add_bar(*run, e.task, &bar);
            }
            if (bar < run->bars.size() && e.kind == Kind::SerialStart) {
                run->open[-1] = static_cast<int>(bar);
            } else if (bar < run->bars.size()) {
                auto& b = run->bars[bar];
                b.end_s = e.task.end_s;
                b.finished = true;
                b.ok = e.task.ok;
                b.state = finished_state(e.task.ok, e.text);
                run->texts[bar] = e.text;
            }
            run->latest_s = std::max(run->latest_s, std::max(e.task.start_s, e.task.end_s));
            break;
        }
        case Kind::Host: {
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            if (e.host > 4096) {  // indexes hosts: a bound, not Open MPI's limit
                if (error) *error = "a host index above 4096";
                return false;
            }
            if (run->hosts.size() <= static_cast<std::size_t>(e.host))
                run->hosts.resize(static_cast<std::size_t>(e.host) + 1);
            run->hosts[static_cast<std::size_t>(e.host)] =
                RunHost{e.text, e.offset_s, e.uncertainty_s};
            break;
        }
        case Kind::Note: {
            RunRecord* run = find_run(e.id.run, error);
            if (!run) return false;
            run->note = e.text;
            break;
        }
    }
    ++revision_;
    return true;
}

std::string ordered_results(const RunRecord& run, std::size_t max_items, std::size_t* count) {
    const auto tasks = static_cast<std::size_t>(std::max(run.spec.tasks, 0));
    if (count) *count = tasks;
    if (run.details_dropped) return {};
    std::vector<const std::string*> by_task(tasks, nullptr);
    for (std::size_t i = 0; i < run.bars.size(); ++i) {
        const auto& bar = run.bars[i];
        if (bar.finished && bar.ok && bar.task >= 0 && static_cast<std::size_t>(bar.task) < tasks) {
            by_task[static_cast<std::size_t>(bar.task)] = &run.texts[i];
        }
    }
    std::string out = "[";
    for (std::size_t t = 0; t < tasks; ++t) {
        if (t > 0) out += ", ";
        if (t == max_items) {
            out += "...";
            break;
        }
        out += by_task[t] ? *by_task[t] : std::string("None");
    }
    out += "]";
    return out;
}

}  // namespace plab::ui
