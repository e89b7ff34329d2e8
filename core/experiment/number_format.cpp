#include "experiment/number_format.h"

#include <charconv>
#include <cmath>

namespace plab {

std::string format_fixed6(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    // std::to_chars ignores the locale, unlike printf and iostreams.
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    if (ec != std::errc()) return "nan";
    return std::string(buf, end);
}

}  // namespace plab
