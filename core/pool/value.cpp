#include "pool/value.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace plab {

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
    // Shortest representation that reads back to the same double, as Python prints it.
    char buf[32];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s(buf);
    if (s.find_first_of(".en") == std::string::npos) s += ".0";
    out += s;
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
            out += '\'';
            for (char c : v.as_str()) {
                if (c == '\'' || c == '\\') out += '\\';
                out += c;
            }
            out += '\'';
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
    }
    return "?";
}

std::int64_t Value::as_int() const {
    if (const auto* p = std::get_if<std::int64_t>(&v_)) return *p;
    wrong_kind("int", kind());
}

double Value::as_double() const {
    if (const auto* p = std::get_if<double>(&v_)) return *p;
    if (const auto* p = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*p);
    wrong_kind("float", kind());
}

const std::string& Value::as_str() const {
    if (const auto* p = std::get_if<std::string>(&v_)) return *p;
    wrong_kind("str", kind());
}

const std::vector<Value>& Value::items() const {
    if (const auto* p = std::get_if<List>(&v_)) return p->items;
    if (const auto* p = std::get_if<Tuple>(&v_)) return p->items;
    wrong_kind("list or tuple", kind());
}

std::string Value::repr() const {
    std::string out;
    append_repr(*this, out);
    return out;
}

std::string repr_list(const std::vector<Value>& values) {
    std::string out;
    append_items(values, '[', ']', false, out);
    return out;
}

}  // namespace plab
