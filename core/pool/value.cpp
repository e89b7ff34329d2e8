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

Value::Value(const Value& other) : kind_(other.kind_), p_(other.p_) {
    if (kind_ == Kind::Str) {
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
    if (kind_ == Kind::Str) {
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
    append_items(values, '[', ']', false, out);
    return out;
}

}  // namespace plab
