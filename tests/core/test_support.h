// Helpers the core tests share: counting this process's descriptors and children.
#pragma once

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace plab::testing {

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
/// Under a sanitizer, forking is many times slower (the shadow memory is copied): upper time
/// bounds stretch by this factor and the largest loops shrink by it. Races and leaks are what
/// those builds check; the normal build checks the bounds.
inline constexpr int kSlowdown = 10;
#else
inline constexpr int kSlowdown = 1;
#endif

/// Open descriptors of this process.
inline int open_fds() {
    int n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (const dirent* e = ::readdir(d))
            n += e->d_name[0] != '.';
        ::closedir(d);
        --n;  // the directory's own descriptor
    }
    return n;
}

/// Live or unreaped children of this process (all threads), from /proc.
inline std::vector<int> children() {
    std::vector<int> out;
    if (DIR* d = ::opendir("/proc/self/task")) {
        while (const dirent* e = ::readdir(d)) {
            if (e->d_name[0] == '.') continue;
            std::ifstream f(std::string("/proc/self/task/") + e->d_name + "/children");
            int pid = 0;
            while (f >> pid)
                out.push_back(pid);
        }
        ::closedir(d);
    }
    return out;
}

/// Whether pid still exists (a zombie counts as existing).
inline bool process_exists(int pid) {
    return ::kill(pid, 0) == 0;
}

/// A fresh folder under the system's temporary folder, removed with everything in it.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "plab-test-XXXXXX").string();
        path = ::mkdtemp(t.data());
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

/// The whole content of a file ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream f(p);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

/// Seconds of wall time f takes.
template <class F>
double seconds_of(F&& f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The rows of the engine's CSV text (runs or tasks), each as column name -> cell, read with the
/// header's names; lines end in CRLF or LF. Only for columns without quoted cells (a comma inside
/// quotes is split like any other).
inline std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv) {
    std::istringstream in(csv);
    std::vector<std::string> names;
    std::vector<std::map<std::string, std::string>> out;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::vector<std::string> cells;
        std::size_t at = 0;
        for (std::size_t comma; (comma = line.find(',', at)) != std::string::npos; at = comma + 1)
            cells.push_back(line.substr(at, comma - at));
        cells.push_back(line.substr(at));
        if (names.empty()) {
            names = cells;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < names.size() && i < cells.size(); ++i)
            row[names[i]] = cells[i];
        out.push_back(row);
    }
    return out;
}

}  // namespace plab::testing
