// The interpreter the tests of the py_ strategies run.
#pragma once

#include <unistd.h>

#include <string>

namespace plab::testing {

/// /usr/bin/python3 where it exists (Debian's, which has python3-multiprocess after
/// scripts/install-deps.sh), else python3 on PATH.
inline std::string test_python() {
    return ::access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

}  // namespace plab::testing
