// Numbers as text the same way in every locale: '.' as the decimal point, always.
#pragma once

#include <string>

namespace plab {

/// Fixed notation with six decimals ("2.001234"), whatever the C or C++ locale says.
/// NaN and infinities print as "nan", "inf", "-inf".
std::string format_fixed6(double v);

}  // namespace plab
