// A value that crosses the process boundary: the analog of what Python pickles for a Pool.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

/// The bytes of a Bytes value: immutable once made (as Python's bytes), shared by every copy of
/// the Value that holds them, freed with the last one. The count is atomic: copies may live on
/// several threads (a thread pool's tasks, a pool's collector and its caller).
struct BytesBlock;

/// None, an integer, a float, a string, bytes, or a list or tuple of values.
/// The accessors (as_int, ...) throw std::invalid_argument naming the kind that was there
/// when asked for another; nothing converts silently except int -> double in as_double().
/// Sixteen bytes: a kind and either the number itself or a pointer to the string or the items
/// (a million results of map are 16 MB, not 40). Copies are deep, but for bytes, which are
/// immutable and shared (a copy of 64 MiB of bytes costs a count); a moved-from Value is None.
class Value {
  public:
    enum class Kind : std::uint8_t {
        None = 0,
        Int = 1,
        Float = 2,
        Str = 3,
        List = 4,
        Tuple = 5,
        Bytes = 6
    };

    // NOLINTBEGIN(google-explicit-constructor): a Value is built from any of its kinds
    Value() noexcept = default;
    Value(std::int64_t v) noexcept : kind_(Kind::Int), p_{v} {}
    Value(int v) noexcept : kind_(Kind::Int), p_{v} {}
    Value(double v) noexcept : kind_(Kind::Float) { p_.d = v; }
    Value(std::string v);
    Value(const char* v);
    Value(List v);
    Value(Tuple v);
    // NOLINTEND(google-explicit-constructor)
    Value(const Value& other);
    Value(Value&& other) noexcept : kind_(other.kind_), p_(other.p_) { other.forget(); }
    Value& operator=(const Value& other);
    Value& operator=(Value&& other) noexcept;
    ~Value() {
        if (kind_ >= Kind::Str) release();
    }

    /// Python's bytes: data as it is, any byte values (Value(std::string) is a str, text).
    static Value bytes(std::string data);
    /// Bytes that stay where they are: data lies in memory that owner keeps alive (a frame
    /// read from a pipe), shared by every copy, so a decoded payload is not copied again. The
    /// memory must not change while any Value holds it (the reader that owns it checks
    /// owner.use_count() before writing there again); data outside owner's memory is misuse.
    static Value bytes_in(std::shared_ptr<const void> owner, std::string_view data);

    /// Builds a tuple from any number of values: Value::tuple(x, 2).
    template <class... A>
    static Value tuple(A&&... a) {
        return Value(Tuple{{Value(std::forward<A>(a))...}});
    }

    Kind kind() const { return kind_; }
    bool is_none() const { return kind_ == Kind::None; }

    std::int64_t as_int() const;
    double as_double() const;
    const std::string& as_str() const;
    /// The data of a bytes value (throws std::invalid_argument for any other kind, str too).
    /// A view: valid while this Value (or a copy of it) lives.
    std::string_view as_bytes() const;
    /// The items of a list or a tuple.
    const std::vector<Value>& items() const;

    /// Python's repr(): 1, 2.5, 'text', b'\\x00ab', [1, 2], (1, 2), None. Bytes print whole, as
    /// Python prints them: a caller showing big ones to people shows their size instead.
    std::string repr() const;

    /// Same kind and same contents (floats compare with ==, so nan != nan).
    bool operator==(const Value& other) const;

  private:
    /// Frees what this owns; leaves None.
    void release() noexcept;
    /// Becomes None without freeing (what it pointed to has a new owner).
    void forget() noexcept {
        kind_ = Kind::None;
        p_.i = 0;
    }

    union Payload {
        std::int64_t i;
        double d;
        std::string* s;             // Str: owned
        std::vector<Value>* items;  // List, Tuple: owned
        BytesBlock* b;              // Bytes: shared, counted
    };
    Kind kind_ = Kind::None;
    Payload p_{0};
};

static_assert(sizeof(Value) == 16, "a Value is a kind and eight bytes");

/// The name Python gives a kind ("int", "float", "str", "bytes", "list", "tuple", "NoneType").
const char* kind_name(Value::Kind k);

/// Python's repr of a list of values: [0, 1, 4].
std::string repr_list(const std::vector<Value>& values);

}  // namespace plab
