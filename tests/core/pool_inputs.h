// Inputs the pool tests share (the core tests only: it needs core's Value).
#pragma once

#include <cstddef>
#include <vector>

#include "pool/value.h"

namespace plab::testing {

/// The inputs 0, 1, ..., n-1, as a map takes them.
inline std::vector<Value> range(int n) {
    std::vector<Value> xs;
    xs.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        xs.emplace_back(i);
    return xs;
}

}  // namespace plab::testing
