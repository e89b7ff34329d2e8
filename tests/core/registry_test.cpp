#include <gtest/gtest.h>

#include "pool/registry.h"

namespace plab {
namespace {

std::int64_t add3(std::int64_t a, std::int64_t b, std::int64_t c) {
    return a + b + c;
}
std::string greet(const std::string& name) {
    return "hi " + name;
}
double unregistered(double x) {
    return x;
}

PLAB_TASK(add3);
PLAB_TASK(greet);

TEST(Registry, FindsTasksByNameAndAddress) {
    ASSERT_NE(find_task("add3"), nullptr);
    EXPECT_EQ(find_task("add3")->arity, 3u);
    EXPECT_EQ(find_task("nope"), nullptr);
    EXPECT_EQ(Task(&add3).name(), "add3");
    EXPECT_EQ(find_task("greet")->body({Value("bob")}), Value("hi bob"));
}

TEST(Registry, CallsCheckArityAndTypes) {
    const TaskEntry* e = find_task("add3");
    EXPECT_EQ(e->body({1, 2, 3}), Value(6));
    try {
        e->body({1});
        FAIL();
    } catch (const std::invalid_argument& ex) {
        EXPECT_STREQ(ex.what(), "add3() takes 3 arguments but 1 was given");
    }
    EXPECT_THROW(e->body({1, "two", 3}), std::invalid_argument);
}

TEST(Registry, UnknownNamesAndUnregisteredFunctionsAreRefused) {
    try {
        Task t("nope");
        FAIL();
    } catch (const UnknownTask& e) {
        EXPECT_NE(std::string(e.what()).find("add3"), std::string::npos);  // lists what exists
    }
    EXPECT_THROW(Task t(&unregistered), UnsendableTask);
}

TEST(Registry, BindAppendsArgumentsLikePartial) {
    const Task t = Task("add3").bind(10, 100);
    EXPECT_EQ(t.bound(), (std::vector<Value>{10, 100}));
    EXPECT_EQ(Task("add3").bound().size(), 0u);
}

TEST(Registry, DuplicateNamesAreRejected) {
    EXPECT_THROW(register_task("add3", &add3), std::logic_error);
}

}  // namespace
}  // namespace plab
