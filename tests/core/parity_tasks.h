// The task functions of CPython's pool tests (sqr, mul, raising, ...), registered for the
// conformance tests (parity_*_test.cpp). Include it in one file per test program.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "pool/process_pool.h"
#include "pool/wire.h"

namespace plab::parity {

/// CPython's sqr(x, wait=0.0).
inline std::int64_t sqr(std::int64_t x) {
    return x * x;
}
inline std::int64_t sqr_wait(std::int64_t x, double wait_s) {
    std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
    return x * x;
}
inline std::int64_t mul(std::int64_t a, std::int64_t b) {
    return a * b;
}
/// Python's int(s): throws for text that is not a number (CPython's ValueError).
inline std::int64_t to_int(const std::string& s) {
    std::size_t used = 0;
    std::int64_t v = 0;
    try {
        v = std::stoll(s, &used);
    } catch (const std::logic_error&) {
        used = 0;
    }
    if (used == 0 || used != s.size())
        throw std::invalid_argument("invalid literal for int(): '" + s + "'");
    return v;
}
/// CPython's raising(): raise KeyError("key").
inline std::int64_t raising() {
    throw std::out_of_range("key");
}
/// CPython's _test_traceback: raise RuntimeError(123).
inline std::int64_t raise_123() {
    throw std::runtime_error("123");
}
inline Value identity(Value v) {
    return v;
}
inline double sleep_s(double s) {
    std::this_thread::sleep_for(std::chrono::duration<double>(s));
    return s;
}
/// CPython's unpickleable_result: here a result too big for any frame (the codec's only
/// value it cannot send).
inline Value unencodable_result() {
    return Value::bytes(std::string(wire::kMaxResultBytes + 1, 'x'));
}
/// CPython's raise_large_valuerror(wait) for map_no_failfast: 0 fails at once, 1 ends later.
inline std::int64_t fail_first_then_wait(std::int64_t x) {
    if (x == 0) throw std::invalid_argument("0 fails at once");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    return x;
}
inline std::int64_t pid_of(std::int64_t) {
    return ::getpid();
}

PLAB_TASK(sqr);
PLAB_TASK(sqr_wait);
PLAB_TASK(mul);
PLAB_TASK(to_int);
PLAB_TASK(raising);
PLAB_TASK(raise_123);
PLAB_TASK(identity);
PLAB_TASK(sleep_s);
PLAB_TASK(unencodable_result);
PLAB_TASK(fail_first_then_wait);
PLAB_TASK(pid_of);

/// CPython's exception_throwing_generator(total, when): 0, 1, ... total-1, throwing
/// std::domain_error (SayWhenError) when it reaches `when` (-1: at once).
inline InputGenerator throwing_generator(std::int64_t total, std::int64_t when) {
    auto i = std::make_shared<std::int64_t>(0);
    return InputGenerator([i, total, when]() -> std::optional<Value> {
        if (*i == when || when == -1) throw std::domain_error("Somebody said when");
        if (*i >= total) return std::nullopt;
        return Value((*i)++);
    });
}

/// Values 0 .. n-1.
inline std::vector<Value> ints(std::int64_t n) {
    std::vector<Value> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.emplace_back(i);
    return v;
}
/// sqr of 0 .. n-1, as the pool returns them.
inline std::vector<Value> squares(std::int64_t n) {
    std::vector<Value> v;
    for (std::int64_t i = 0; i < n; ++i)
        v.emplace_back(i * i);
    return v;
}

}  // namespace plab::parity
