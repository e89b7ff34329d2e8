// A value that crosses the process boundary: the analog of what Python pickles for a Pool.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace plab {

class Value;

/// A Python list: printed with [ ].
struct List {
    std::vector<Value> items;
    bool operator==(const List&) const = default;
};

/// A Python tuple: printed with ( ); starmap unpacks it into a task's arguments.
struct Tuple {
    std::vector<Value> items;
    bool operator==(const Tuple&) const = default;
};

/// None, an integer, a float, a string, or a list or tuple of values.
/// The accessors (as_int, ...) throw std::invalid_argument naming the kind that was there
/// when asked for another; nothing converts silently except int -> double in as_double().
class Value {
  public:
    enum class Kind : std::uint8_t { None = 0, Int = 1, Float = 2, Str = 3, List = 4, Tuple = 5 };

    Value() = default;
    Value(std::int64_t v) : v_(v) {}                    // NOLINT(google-explicit-constructor)
    Value(int v) : v_(static_cast<std::int64_t>(v)) {}  // NOLINT(google-explicit-constructor)
    Value(double v) : v_(v) {}                          // NOLINT(google-explicit-constructor)
    Value(std::string v) : v_(std::move(v)) {}          // NOLINT(google-explicit-constructor)
    Value(const char* v) : v_(std::string(v)) {}        // NOLINT(google-explicit-constructor)
    Value(List v) : v_(std::move(v)) {}                 // NOLINT(google-explicit-constructor)
    Value(Tuple v) : v_(std::move(v)) {}                // NOLINT(google-explicit-constructor)

    /// Builds a tuple from any number of values: Value::tuple(x, 2).
    template <class... A>
    static Value tuple(A&&... a) {
        return Value(Tuple{{Value(std::forward<A>(a))...}});
    }

    Kind kind() const { return static_cast<Kind>(v_.index()); }
    bool is_none() const { return kind() == Kind::None; }

    std::int64_t as_int() const;
    double as_double() const;
    const std::string& as_str() const;
    /// The items of a list or a tuple.
    const std::vector<Value>& items() const;

    /// Python's repr(): 1, 2.5, 'text', [1, 2], (1, 2), None.
    std::string repr() const;

    bool operator==(const Value&) const = default;

  private:
    std::variant<std::monostate, std::int64_t, double, std::string, List, Tuple> v_;
};

/// The name Python gives a kind ("int", "float", "str", "list", "tuple", "NoneType").
const char* kind_name(Value::Kind k);

/// Python's repr of a list of values: [0, 1, 4].
std::string repr_list(const std::vector<Value>& values);

}  // namespace plab
