#include "mpi/mpi_launch.h"

#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "mpi/mpi_mode.h"
#include "mpi/mpi_protocol.h"

namespace plab::mpi {

namespace {

bool host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

/// A host name: letters, digits, '.', '-', '_', not starting with '-' (ssh, which mpirun runs
/// with the name, would take it as an option: "-np" is -n -p).
bool valid_host(std::string_view name) {
    if (name.empty() || name.size() > 253 || name.front() == '-') return false;
    for (const char c : name) {
        if (!host_char(c)) return false;
    }
    return true;
}

std::optional<int> slots_number(std::string_view text) {
    int v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v < 1 ||
        v > kMaxHostSlots)
        return std::nullopt;
    return v;
}

std::string shown(std::string_view text) {
    return "'" + std::string(text.substr(0, 60)) + "'";
}

bool executable_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

std::string read_line_of(const std::string& path) {
    std::ifstream f(path);
    std::string line;
    std::getline(f, line);
    return line;
}

}  // namespace

std::optional<int> parse_hosts(std::string_view hosts, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<int> {
        if (error != nullptr) *error = "--hosts: " + why;
        return std::nullopt;
    };
    if (hosts.empty()) return fail("give HOST:SLOTS,... (e.g. node1:2,node2:4)");
    std::set<std::string_view> seen;
    long total = 0;
    std::size_t at = 0;
    for (;;) {
        const std::size_t comma = hosts.find(',', at);
        const std::string_view item =
            hosts.substr(at, comma == std::string_view::npos ? comma : comma - at);
        if (item.empty()) return fail("an empty host in " + shown(hosts) + ": HOST:SLOTS,...");
        const std::size_t colon = item.rfind(':');
        if (colon == std::string_view::npos)
            return fail(shown(item) + " has no slot count: write HOST:SLOTS, e.g. node1:2");
        const std::string_view name = item.substr(0, colon);
        if (!valid_host(name)) {
            return fail(
                shown(item) +
                " needs a host name (letters, digits, '.', '-', '_'; not starting with '-')");
        }
        const auto slots = slots_number(item.substr(colon + 1));
        if (!slots)
            return fail(shown(item) + ": slots must be 1.." + std::to_string(kMaxHostSlots));
        if (!seen.insert(name).second) return fail("host " + shown(name) + " is given twice");
        total += *slots;
        if (total > kMaxHostSlots)
            return fail("more than " + std::to_string(kMaxHostSlots) + " slots");
        if (comma == std::string_view::npos) break;
        at = comma + 1;
    }
    return static_cast<int>(total);
}

std::optional<int> hostfile_slots(const std::string& path, std::string* error, std::string* note) {
    auto fail = [&](const std::string& why) -> std::optional<int> {
        if (error != nullptr) *error = "--hostfile " + path.substr(0, 200) + ": " + why;
        return std::nullopt;
    };
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return fail("not a readable file");
    if (st.st_size > 1024L * 1024) return fail("larger than 1 MiB: not a hostfile");
    std::ifstream in(path);
    if (!in) return fail("not a readable file");
    long total = 0;
    int hosts = 0;
    std::string without;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::istringstream words(line);
        std::string name;
        if (!(words >> name)) continue;
        if (!valid_host(name))
            return fail("line " + std::to_string(number) + ": a bad host name " + shown(name));
        int slots = 0;
        for (std::string word; words >> word;) {
            const auto eq = word.find('=');
            const std::string key = word.substr(0, eq);
            if (eq == std::string::npos ||
                (key != "slots" && key != "max_slots" && key != "max-slots")) {
                return fail("line " + std::to_string(number) + ": " + shown(word) +
                            " is not slots=N or max_slots=N");
            }
            const auto n = slots_number(std::string_view(word).substr(eq + 1));
            if (!n) {
                return fail("line " + std::to_string(number) + ": " + shown(word) + " needs 1.." +
                            std::to_string(kMaxHostSlots));
            }
            if (key == "slots") slots = *n;
        }
        if (slots == 0) {
            slots = 1;
            without += (without.empty() ? "" : ", ") + name;
        }
        ++hosts;
        total += slots;
        if (total > kMaxHostSlots)
            return fail("more than " + std::to_string(kMaxHostSlots) + " slots");
    }
    if (hosts == 0) return fail("names no host");
    if (!without.empty() && note != nullptr)
        *note = "hostfile gives no slots= for " + without + ": Open MPI counts 1 slot each";
    return static_cast<int>(total);
}

std::string find_on_path(const std::string& name) {
    if (name.empty()) return "";
    if (name.find('/') != std::string::npos) return executable_file(name) ? name : "";
    const char* path = std::getenv("PATH");
    const std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t at = 0;
    for (;;) {
        const std::size_t colon = dirs.find(':', at);
        std::string candidate = dirs.substr(at, colon == std::string::npos ? colon : colon - at);
        if (candidate.empty()) candidate = ".";
        candidate.append("/").append(name);
        if (executable_file(candidate)) return candidate;
        if (colon == std::string::npos) return "";
        at = colon + 1;
    }
}

int local_slots() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0) return 1;
    std::set<std::pair<std::string, std::string>> cores;
    int cpus = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (!CPU_ISSET(cpu, &set)) continue;
        ++cpus;
        const std::string topology =
            "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
        const std::string core = read_line_of(topology + "core_id");
        if (core.empty()) continue;
        cores.emplace(read_line_of(topology + "physical_package_id"), core);
    }
    if (!cores.empty()) return static_cast<int>(cores.size());
    return cpus > 0 ? cpus : 1;
}

Launch mpirun_argv(const ExperimentSpec& spec, const Facts& facts) {
    Launch out;
    auto& a = out.argv;
    a.push_back(facts.mpirun);
    if (facts.euid == 0) a.emplace_back("--allow-run-as-root");
    const int np = spec.workers + 1;
    a.insert(a.end(), {"-np", std::to_string(np)});
    if (np > facts.slots) {
        a.emplace_back("--oversubscribe");
        out.note = "oversubscribed: " + std::to_string(np) + " ranks on " +
                   std::to_string(facts.slots) + (facts.slots == 1 ? " slot" : " slots");
    }
    a.insert(a.end(), {"--bind-to", "none", "--stdin", "none", "--mca",
                       "orte_abort_on_non_zero_status", "1"});
    if (!spec.mpi_hosts.empty()) {
        a.insert(a.end(), {"--host", spec.mpi_hosts});
    } else if (!spec.mpi_hostfile.empty()) {
        a.insert(a.end(), {"--hostfile", spec.mpi_hostfile});
    } else {
        a.insert(a.end(), {"--mca", "pml", "ob1", "--mca", "btl", "self,vader"});
    }
    a.push_back(facts.exe);
    a.insert(a.end(), facts.rank_args.begin(), facts.rank_args.end());
    return out;
}

std::optional<int> job_slots(const ExperimentSpec& spec, std::string* error, std::string* note) {
    if (!spec.mpi_hosts.empty()) return parse_hosts(spec.mpi_hosts, error);
    if (!spec.mpi_hostfile.empty()) return hostfile_slots(spec.mpi_hostfile, error, note);
    return local_slots();
}

std::string module_path() {
    for (const std::string& path : rank_module_candidates()) {
        struct stat st {};
        if (std::getenv(std::string(kEnvModule).c_str()) != nullptr ||
            (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)))
            return path;  // $PLAB_MPI_MODULE is first: taken whether it exists or not
    }
    return "";
}

std::string availability_problem(const ExperimentSpec& spec) {
    const std::string needs = std::string(strategy_name(spec.strategy)) + " needs Open MPI: ";
#ifndef PLAB_HAVE_MPI
    if (std::getenv(std::string(kEnvModule).c_str()) == nullptr)
        return needs + "this build has none (install libopenmpi-dev, then rebuild)";
#endif
    const std::string module = module_path();
    struct stat st {};
    if (module.empty() || ::stat(module.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return needs + "the MPI module " +
               (module.empty() ? std::string(kModuleName) : module.substr(0, 200)) +
               " is missing (reinstall parallel-lab, or install libopenmpi-dev and rebuild)";
    }
    if (find_on_path(spec.mpirun).empty()) {
        if (spec.mpirun == "mpirun")
            return needs + "mpirun not found (install openmpi-bin, or give --mpirun PATH)";
        return needs + "the launcher '" + spec.mpirun.substr(0, 200) +
               "' is not an executable file (--mpirun; openmpi-bin installs mpirun)";
    }
    return "";
}

std::string options_problem(const ExperimentSpec& spec) {
    if (!spec.mpi_hosts.empty() && !spec.mpi_hostfile.empty())
        return "give --hosts or --hostfile, not both";
    std::string why;
    std::string note;
    if (!job_slots(spec, &why, &note)) return why;
    return availability_problem(spec);
}

}  // namespace plab::mpi
