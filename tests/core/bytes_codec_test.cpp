// The bytes kind: Python's bytes in a Value, its encoding (a length and the data, copied once),
// its repr, and the sharing that makes a copy of 64 MiB cost a count.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "pool/codec.h"
#include "pool/value.h"

namespace plab {
namespace {

std::string every_byte() {
    std::string s(256, '\0');
    for (int i = 0; i < 256; ++i)
        s[static_cast<std::size_t>(i)] = static_cast<char>(i);
    return s;
}

TEST(Bytes, IsAKindOfItsOwnNotAStr) {
    const Value b = Value::bytes("ab");
    EXPECT_EQ(b.kind(), Value::Kind::Bytes);
    EXPECT_STREQ(kind_name(b.kind()), "bytes");
    EXPECT_EQ(b.as_bytes(), "ab");
    EXPECT_NE(b, Value("ab"));  // b'ab' != 'ab', as in Python
    EXPECT_EQ(b, Value::bytes(std::string("ab")));
    EXPECT_NE(b, Value::bytes("abc"));
    try {
        (void)b.as_str();
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "expected str, got bytes");
    }
    EXPECT_THROW((void)Value("ab").as_bytes(), std::invalid_argument);
}

TEST(Bytes, ReprIsPythons) {
    EXPECT_EQ(Value::bytes("").repr(), "b''");
    EXPECT_EQ(Value::bytes("abc").repr(), "b'abc'");
    EXPECT_EQ(Value::bytes("it's").repr(), "b\"it's\"");
    EXPECT_EQ(Value::bytes("both ' and \"").repr(), "b'both \\' and \"'");
    EXPECT_EQ(Value::bytes(std::string("\0\t\n\r\\\x7f\x80\xff", 8)).repr(),
              "b'\\x00\\t\\n\\r\\\\\\x7f\\x80\\xff'");
    EXPECT_EQ(Value::tuple(4, Value::bytes("x")).repr(), "(4, b'x')");
}

TEST(Bytes, EncodeAsKindLengthAndTheDataAsItIs) {
    const std::string data = every_byte();
    const std::string enc = encode(Value::bytes(data));
    ASSERT_EQ(enc.size(), 1 + 4 + data.size());
    EXPECT_EQ(static_cast<std::uint8_t>(enc[0]), 6);
    std::uint32_t len = 0;
    std::memcpy(&len, enc.data() + 1, 4);
    EXPECT_EQ(len, 256u);
    EXPECT_EQ(enc.substr(5), data);  // no escaping, no per-byte transformation
}

TEST(Bytes, RoundTripEverySizeAndEveryByte) {
    for (const std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{1024}, std::size_t{1} << 20}) {
        std::string data(n, '\0');
        for (std::size_t i = 0; i < n; ++i)
            data[i] = static_cast<char>((i * 131) ^ (i >> 8));
        const Value v = Value::tuple(7, Value::bytes(data));
        const Value back = decode(encode(v));
        EXPECT_EQ(back, v) << n;
        EXPECT_EQ(back.items()[1].as_bytes(), data) << n;
    }
    const Value all = Value::bytes(every_byte());
    EXPECT_EQ(decode(encode(all)), all);
}

TEST(Bytes, ALengthBeyondTheInputIsRefusedWithoutAllocatingIt) {
    std::string enc = encode(Value::bytes("abcd"));
    const std::uint32_t lie = 0xFFFFFFF0u;
    std::memcpy(enc.data() + 1, &lie, 4);
    try {
        (void)decode(enc);
        FAIL() << "no exception";
    } catch (const DecodeError& e) {
        EXPECT_NE(std::string(e.what()).find("claims 4294967280 bytes, 4 left"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW((void)decode(enc.substr(0, 3)), DecodeError);  // the length itself cut
    EXPECT_THROW((void)decode(enc.substr(0, enc.size() - 1)), DecodeError);
}

TEST(Bytes, CopiesShareTheDataAndOutliveTheOriginal) {
    auto* original = new Value(Value::bytes(std::string(1 << 20, 'x')));
    const Value copy = *original;  // NOLINT(performance-unnecessary-copy-initialization)
    EXPECT_EQ(copy.as_bytes().data(), original->as_bytes().data());  // shared: no megabyte copied
    Value assigned;
    assigned = copy;
    EXPECT_EQ(assigned.as_bytes().data(), copy.as_bytes().data());
    delete original;  // the data stays while a copy holds it
    EXPECT_EQ(copy.as_bytes().size(), std::size_t{1} << 20);
    EXPECT_EQ(copy.as_bytes().back(), 'x');
    Value moved = std::move(assigned);
    EXPECT_TRUE(assigned.is_none());  // NOLINT(bugprone-use-after-move): documented state
    EXPECT_EQ(moved.as_bytes().data(), copy.as_bytes().data());
}

TEST(Bytes, CopiesOnManyThreadsCountRight) {
    // Under TSan and ASan: copies made and dropped on four threads at once free the data once.
    const Value shared = Value::bytes(std::string(4096, 'q'));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&shared] {
            for (int i = 0; i < 10000; ++i) {
                const Value c = shared;  // NOLINT(performance-unnecessary-copy-initialization)
                if (c.as_bytes().size() != 4096) std::abort();
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    EXPECT_EQ(shared.as_bytes(), std::string(4096, 'q'));
}

}  // namespace
}  // namespace plab
