// Value::repr against Python itself: every value below is handed to python3 (floats as exact hex,
// strings as their bytes), and what Python's repr prints must be what ours prints, byte for byte.
#include <gtest/gtest.h>

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "pool/value.h"
#include "shell_output.h"
#include "test_support.h"

namespace plab {
namespace {

/// Two hex digits per byte, as bytes.fromhex reads them.
std::string hex_of(std::string_view data) {
    std::string hex;
    for (const unsigned char c : data) {
        char b[4];
        std::snprintf(b, sizeof b, "%02x", c);
        hex += b;
    }
    return hex;
}

/// The Python expression that rebuilds v exactly.
std::string python_expr(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::None:
            return "None";
        case Value::Kind::Int:
            return std::to_string(v.as_int());
        case Value::Kind::Float: {
            const double d = v.as_double();
            if (std::isnan(d)) return "float('nan')";
            if (std::isinf(d)) return d > 0 ? "float('inf')" : "float('-inf')";
            char buf[64];
            const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::hex);
            std::string hex(buf, r.ptr);
            if (hex[0] == '-') return "-float.fromhex('0x" + hex.substr(1) + "')";
            return "float.fromhex('0x" + hex + "')";
        }
        case Value::Kind::Str:
            return "bytes.fromhex('" + hex_of(v.as_str()) + "').decode('utf-8', 'surrogateescape')";
        case Value::Kind::Bytes:
            return "bytes.fromhex('" + hex_of(v.as_bytes()) + "')";
        case Value::Kind::List:
        case Value::Kind::Tuple: {
            std::string out = v.kind() == Value::Kind::List ? "[" : "(";
            for (const Value& item : v.items())
                out += python_expr(item) + ",";
            return out + (v.kind() == Value::Kind::List ? "]" : ")");
        }
    }
    return "None";
}

std::vector<Value> table() {
    std::vector<Value> v = {
        Value(),
        0,
        -7,
        std::numeric_limits<std::int64_t>::max(),
        std::numeric_limits<std::int64_t>::min(),
        0.0,
        -0.0,
        1.0,
        0.1,
        1.0 / 3,
        2.5,
        1e15,
        1e16,
        -1e16,
        123456789012345678.0,
        1e-4,
        1e-5,
        1.5e-7,
        1e100,
        1e-300,
        5e-324,
        std::numeric_limits<double>::max(),
        std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity(),
        std::nan(""),
        9007199254740993.0,
        0.30000000000000004,
        1234.5678,
        "",
        "it's",
        "say \"hi\"",
        "both ' and \"",
        "back\\slash",
        "tab\tnew\nline\rcr",
        std::string("nul\0byte", 8),
        "\x01\x1f\x7f",
        "caf\xc3\xa9",                           // é
        "\xe6\x97\xa5\xe6\x9c\xac",              // 日本
        "\xf0\x9f\x98\x80",                      // 😀
        "\xc2\x85 \xc2\xa0 \xc2\xad",            // NEL, no-break space, soft hyphen
        "\xe2\x80\x8b\xe2\x80\xa8\xef\xbb\xbf",  // zero width space, line separator, BOM
        "\xee\x80\x80",                          // private use U+E000
        "bad \xff byte",
        "cut \xe2\x82",
        "overlong \xc0\xaf",
        "surrogate \xed\xa0\x80",
        "\xf4\x90\x80\x80",  // above U+10FFFF
        Value(List{{1, 2.5, "x"}}),
        Value::tuple(1),
        Value::tuple("a", Value(List{{}}), Value()),
        Value::bytes(""),
        Value::bytes("it's"),
        Value::bytes("both ' and \""),
        Value::bytes(std::string("\0\t\n\r\\\x7f\x80\xff caf\xc3\xa9", 14)),
        Value::tuple(7, Value::bytes("ab")),
    };
    return v;
}

TEST(ValueRepr, MatchesPythonsOwnRepr) {
    const std::vector<Value> values = table();
    testing::TempDir dir;
    const auto script = dir.path / "repr.py";
    {
        std::FILE* f = std::fopen(script.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs("import sys\nvalues = [\n", f);
        for (const Value& v : values)
            std::fprintf(f, "    %s,\n", python_expr(v).c_str());
        std::fputs("]\nfor v in values:\n    sys.stdout.write(repr(v) + '\\n')\n", f);
        std::fclose(f);
    }
    const std::string command =
        "PYTHONIOENCODING=utf-8:surrogateescape python3 " + script.string() + " 2>&1";
    const auto [status, out] = testing::shell_output(command);
    ASSERT_EQ(status, 0) << "python3 must be installed and run the table:\n" << out;
    std::vector<std::string> lines;
    for (std::size_t at = 0, nl = 0; (nl = out.find('\n', at)) != std::string::npos; at = nl + 1)
        lines.push_back(out.substr(at, nl - at));
    ASSERT_EQ(lines.size(), values.size()) << out;
    for (std::size_t i = 0; i < values.size(); ++i)
        EXPECT_EQ(values[i].repr(), lines[i]) << "value " << i << ": " << python_expr(values[i]);
}

TEST(ValueRepr, IgnoresTheLocale) {
    ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr)
        << "the de_DE.UTF-8 locale is missing: scripts/install-deps.sh generates it";
    EXPECT_EQ(Value(2.5).repr(), "2.5");
    EXPECT_EQ(Value(1e16).repr(), "1e+16");
    EXPECT_EQ(repr_list({0.1, 1234567.0}), "[0.1, 1234567.0]");
    std::setlocale(LC_ALL, "C");
}

}  // namespace
}  // namespace plab
