#include <gtest/gtest.h>

#include "pool/codec.h"
#include "pool/value.h"

namespace plab {
namespace {

TEST(Value, ReprMatchesPython) {
    EXPECT_EQ(Value().repr(), "None");
    EXPECT_EQ(Value(42).repr(), "42");
    EXPECT_EQ(Value(-7).repr(), "-7");
    EXPECT_EQ(Value(2.5).repr(), "2.5");
    EXPECT_EQ(Value(1.0).repr(), "1.0");
    EXPECT_EQ(Value(0.1).repr(), "0.1");
    EXPECT_EQ(Value("it's").repr(), "\"it's\"");  // as Python: "it's"
    EXPECT_EQ(Value::tuple(1, 2).repr(), "(1, 2)");
    EXPECT_EQ(Value::tuple(1).repr(), "(1,)");
    EXPECT_EQ(Value(List{{1, Value::tuple("a", 2.5)}}).repr(), "[1, ('a', 2.5)]");
    EXPECT_EQ(repr_list({0, 1, 4, 9}), "[0, 1, 4, 9]");
    EXPECT_EQ(repr_list({}), "[]");
}

TEST(Value, WrongKindSaysWhatWasThere) {
    try {
        Value("x").as_int();
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "expected int, got str");
    }
    EXPECT_DOUBLE_EQ(Value(3).as_double(), 3.0);
    EXPECT_THROW(Value(3).items(), std::invalid_argument);
}

TEST(Value, CopiesAreDeepAndMovesLeaveNone) {
    Value a(List{{1, "s", Value::tuple(2.5)}});
    Value b = a;
    EXPECT_EQ(a, b);
    EXPECT_NE(&a.items(), &b.items());  // a copy owns its own items
    Value c = std::move(a);
    EXPECT_EQ(c, b);
    EXPECT_TRUE(a.is_none());  // NOLINT(bugprone-use-after-move): documented state
    Value s("text");
    s = c;  // a string replaced by a list
    EXPECT_EQ(s, b);
    s = Value(3);
    EXPECT_EQ(s.as_int(), 3);
    EXPECT_NE(Value(List{{1}}), Value(Value::tuple(1)));  // list and tuple differ, as in Python
    EXPECT_NE(Value(1), Value(1.0));
    EXPECT_EQ(sizeof(Value), 16u);
}

TEST(Codec, RoundTripsEveryKind) {
    const Value v(List{{Value(), 1, -2, 3.25, "text", Value::tuple(1, List{{2, 3}}), List{}}});
    EXPECT_EQ(decode(encode(v)), v);
    EXPECT_EQ(decode(encode(Value(INT64_MIN))), Value(INT64_MIN));
}

TEST(Codec, RejectsTruncatedInput) {
    const std::string bytes = encode(Value(List{{1, "abc"}}));
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        EXPECT_THROW(decode(bytes.substr(0, n)), DecodeError) << "prefix " << n;
    }
}

TEST(Codec, RejectsLiesAndDepthWithoutAllocatingThem) {
    // A list that claims four billion items in a few bytes.
    std::string lie;
    ByteWriter w(lie);
    w.u8(static_cast<std::uint8_t>(Value::Kind::List));
    w.u32(0xFFFFFFFFu);
    EXPECT_THROW(decode(lie), DecodeError);
    // A string that claims more bytes than there are.
    std::string s;
    ByteWriter ws(s);
    ws.u8(static_cast<std::uint8_t>(Value::Kind::Str));
    ws.u32(1000);
    s += "abc";
    EXPECT_THROW(decode(s), DecodeError);
    // Unknown kind, trailing bytes.
    EXPECT_THROW(decode(std::string(1, '\x09')), DecodeError);
    EXPECT_THROW(decode(encode(Value(1)) + "x"), DecodeError);
    // Nesting deeper than the limit.
    std::string deep;
    ByteWriter wd(deep);
    for (int i = 0; i < kMaxValueDepth + 1; ++i) {
        wd.u8(static_cast<std::uint8_t>(Value::Kind::List));
        wd.u32(1);
    }
    wd.u8(0);
    EXPECT_THROW(decode(deep), DecodeError);
}

}  // namespace
}  // namespace plab
