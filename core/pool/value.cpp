#include "pool/value.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "pool/utf8.h"

namespace plab {

struct BytesBlock {
    explicit BytesBlock(std::string d) : own(std::move(d)), data(own) {}
    BytesBlock(std::shared_ptr<const void> o, std::string_view d) : owner(std::move(o)), data(d) {}
    std::atomic<std::uint32_t> refs{1};
    const std::string own;                    ///< the bytes, when the block holds them itself
    const std::shared_ptr<const void> owner;  ///< or what keeps the memory data points into
    const std::string_view data;
};

namespace {

[[noreturn]] void wrong_kind(const char* wanted, Value::Kind got) {
    throw std::invalid_argument(std::string("expected ") + wanted + ", got " + kind_name(got));
}

void append_repr(const Value& v, std::string& out);

void append_items(const std::vector<Value>& items, char open, char close, bool one_tuple,
                  std::string& out) {
    out += open;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i != 0) out += ", ";
        append_repr(items[i], out);
    }
    if (one_tuple && items.size() == 1) out += ',';
    out += close;
}

void append_float(double d, std::string& out) {
    if (std::isnan(d)) {
        out += "nan";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "inf" : "-inf";
        return;
    }
    // Python's repr: the shortest digits that read back to the same double (std::to_chars gives
    // them, and ignores the locale), in positional notation when the decimal point falls within
    // -4 < point <= 16, else as d.ddde+XX; always with a '.0' or an exponent.
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(ec == std::errc() ? end - buf : 0));
    const std::size_t e_at = sci.find('e');
    if (e_at == std::string_view::npos) {
        out += "nan";  // cannot happen: 64 bytes hold any double
        return;
    }
    std::string_view mantissa = sci.substr(0, e_at);
    if (!mantissa.empty() && mantissa.front() == '-') {
        out += '-';
        mantissa.remove_prefix(1);
    }
    std::string digits;
    for (const char c : mantissa) {
        if (c != '.') digits += c;
    }
    int exponent = 0;
    const std::string_view exp_text = sci.substr(e_at + 1);
    std::from_chars(exp_text.data() + (exp_text.front() == '+' ? 1 : 0),
                    exp_text.data() + exp_text.size(), exponent);
    const int point = exponent + 1;  // digits[0 .. point) come before the decimal point
    const auto n = static_cast<int>(digits.size());
    if (point > -4 && point <= 16) {
        if (point <= 0) {
            out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
        } else if (point >= n) {
            out += digits + std::string(static_cast<std::size_t>(point - n), '0') + ".0";
        } else {
            out += digits.substr(0, static_cast<std::size_t>(point)) + "." +
                   digits.substr(static_cast<std::size_t>(point));
        }
        return;
    }
    out += digits[0];
    if (n > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    out += e;
}

// Python 3.11 (Unicode 14.0) prints these assigned code points above U+007F escaped
// (str.isprintable() is false: categories Cc, Cf, Cs, Co, Zl, Zp and Zs but the space); the
// table is what `[c for c in map(chr, range(0x80, 0x110000)) if not c.isprintable() and
// unicodedata.category(c) != 'Cn']` gives, as ranges. Unassigned code points are kept as they
// are (Python escapes them; a task result rarely holds one).
constexpr std::pair<char32_t, char32_t> kNotPrintable[] = {
    {0x80, 0xA0},       {0xAD, 0xAD},       {0x600, 0x605},       {0x61C, 0x61C},
    {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x890, 0x891},       {0x8E2, 0x8E2},
    {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},     {0x2028, 0x202F},
    {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},     {0xD800, 0xF8FF},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD},   {0x110CD, 0x110CD},
    {0x13430, 0x13438}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},   {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
};

bool printable(char32_t c) {
    if (c < 0x80) return c >= 0x20 && c != 0x7F;
    for (const auto& [lo, hi] : kNotPrintable) {
        if (c >= lo && c <= hi) return false;
        if (c < lo) break;
    }
    return true;
}

/// Appends \xhh, \uhhhh or \Uhhhhhhhh, as Python escapes a code point.
void append_code_escape(char32_t c, std::string& out) {
    char buf[16];
    if (c < 0x100) {
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
    } else if (c < 0x10000) {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
    } else {
        std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
    }
    out += buf;
}

/// The quote Python's repr puts around text: " when it holds a ' and no ", else '.
char repr_quote(std::string_view text) {
    const bool has_single = text.find('\'') != std::string_view::npos;
    const bool has_double = text.find('"') != std::string_view::npos;
    return has_single && !has_double ? '"' : '\'';
}

/// Appends the escape str and bytes reprs share for c (the quote, \\, \t, \n, \r) and returns
/// true; false, appending nothing, for any other character.
bool append_common_escape(char32_t c, char quote, std::string& out) {
    if (c == static_cast<char32_t>(static_cast<unsigned char>(quote)) || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else {
        return false;
    }
    return true;
}

/// Python's repr of a str whose UTF-8 bytes are text. A byte that is not part of well-formed
/// UTF-8 prints as the lone surrogate Python's surrogateescape decoding gives it ('\udcff').
void append_str_repr(std::string_view text, std::string& out) {
    const char quote = repr_quote(text);
    out += quote;
    for (std::size_t at = 0; at < text.size();) {
        char32_t c = 0;
        const std::size_t len = utf8::next(text, at, &c);
        if (len == 0) {
            append_code_escape(0xDC00 + static_cast<unsigned char>(text[at]), out);
            ++at;
            continue;
        }
        const bool escaped = append_common_escape(c, quote, out);
        if (!escaped && printable(c)) {
            out.append(text.substr(at, len));
        } else if (!escaped) {
            append_code_escape(c, out);
        }
        at += len;
    }
    out += quote;
}

/// Python's repr of bytes: b'...' with \\, the quote, \t, \n, \r escaped, printable ASCII as
/// it is and every other byte as \xhh; the quote is " when there is a ' and no ".
void append_bytes_repr(std::string_view data, std::string& out) {
    const char quote = repr_quote(data);
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + data.size() + 3);
    out += 'b';
    out += quote;
    for (const char ch : data) {
        const auto c = static_cast<unsigned char>(ch);
        if (append_common_escape(c, quote, out)) continue;
        if (c >= 0x20 && c < 0x7F) {
            out += ch;
        } else {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    out += quote;
}

void append_repr(const Value& v, std::string& out) {
    switch (v.kind()) {
        case Value::Kind::None:
            out += "None";
            return;
        case Value::Kind::Int:
            out += std::to_string(v.as_int());
            return;
        case Value::Kind::Float:
            append_float(v.as_double(), out);
            return;
        case Value::Kind::Str:
            append_str_repr(v.as_str(), out);
            return;
        case Value::Kind::Bytes:
            append_bytes_repr(v.as_bytes(), out);
            return;
        case Value::Kind::List:
            append_items(v.items(), '[', ']', false, out);
            return;
        case Value::Kind::Tuple:
            append_items(v.items(), '(', ')', true, out);
            return;
    }
}

}  // namespace

const char* kind_name(Value::Kind k) {
    switch (k) {
        case Value::Kind::None:
            return "NoneType";
        case Value::Kind::Int:
            return "int";
        case Value::Kind::Float:
            return "float";
        case Value::Kind::Str:
            return "str";
        case Value::Kind::List:
            return "list";
        case Value::Kind::Tuple:
            return "tuple";
        case Value::Kind::Bytes:
            return "bytes";
    }
    return "?";
}

Value::Value(std::string v) : kind_(Kind::Str) {
    p_.s = new std::string(std::move(v));
}

Value::Value(const char* v) : kind_(Kind::Str) {
    p_.s = new std::string(v);
}

Value::Value(List v) : kind_(Kind::List) {
    p_.items = new std::vector<Value>(std::move(v.items));
}

Value::Value(Tuple v) : kind_(Kind::Tuple) {
    p_.items = new std::vector<Value>(std::move(v.items));
}

Value Value::bytes(std::string data) {
    Value v;
    v.p_.b = new BytesBlock(std::move(data));
    v.kind_ = Kind::Bytes;
    return v;
}

Value Value::bytes_in(std::shared_ptr<const void> owner, std::string_view data) {
    Value v;
    v.p_.b = new BytesBlock(std::move(owner), data);
    v.kind_ = Kind::Bytes;
    return v;
}

Value::Value(const Value& other) : kind_(other.kind_), p_(other.p_) {
    if (kind_ == Kind::Bytes) {
        p_.b->refs.fetch_add(1, std::memory_order_relaxed);
    } else if (kind_ == Kind::Str) {
        p_.s = new std::string(*other.p_.s);
    } else if (kind_ == Kind::List || kind_ == Kind::Tuple) {
        p_.items = new std::vector<Value>(*other.p_.items);
    }
}

Value& Value::operator=(const Value& other) {
    if (this != &other) *this = Value(other);
    return *this;
}

Value& Value::operator=(Value&& other) noexcept {
    if (this != &other) {
        release();
        kind_ = other.kind_;
        p_ = other.p_;
        other.forget();
    }
    return *this;
}

void Value::release() noexcept {
    if (kind_ == Kind::Bytes) {
        // The last owner frees: acq_rel orders every reader's use before the delete.
        if (p_.b->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p_.b;
    } else if (kind_ == Kind::Str) {
        delete p_.s;
    } else if (kind_ == Kind::List || kind_ == Kind::Tuple) {
        delete p_.items;
    }
    forget();
}

bool Value::operator==(const Value& other) const {
    if (kind_ != other.kind_) return false;
    switch (kind_) {
        case Kind::None:
            return true;
        case Kind::Int:
            return p_.i == other.p_.i;
        case Kind::Float:
            return p_.d == other.p_.d;
        case Kind::Str:
            return *p_.s == *other.p_.s;
        case Kind::Bytes:
            return p_.b == other.p_.b || p_.b->data == other.p_.b->data;
        case Kind::List:
        case Kind::Tuple:
            return *p_.items == *other.p_.items;
    }
    return false;
}

std::int64_t Value::as_int() const {
    if (kind_ == Kind::Int) return p_.i;
    wrong_kind("int", kind_);
}

double Value::as_double() const {
    if (kind_ == Kind::Float) return p_.d;
    if (kind_ == Kind::Int) return static_cast<double>(p_.i);
    wrong_kind("float", kind_);
}

const std::string& Value::as_str() const {
    if (kind_ == Kind::Str) return *p_.s;
    wrong_kind("str", kind_);
}

std::string_view Value::as_bytes() const {
    if (kind_ == Kind::Bytes) return p_.b->data;
    wrong_kind("bytes", kind_);
}

const std::vector<Value>& Value::items() const {
    if (kind_ == Kind::List || kind_ == Kind::Tuple) return *p_.items;
    wrong_kind("list or tuple", kind_);
}

std::string Value::repr() const {
    std::string out;
    append_repr(*this, out);
    return out;
}

std::string repr_list(const std::vector<Value>& values) {
    std::string out;
    out.reserve(2 + values.size() * 6);  // "None, " is the common shortest; one growth at most
    append_items(values, '[', ']', false, out);
    return out;
}

}  // namespace plab
