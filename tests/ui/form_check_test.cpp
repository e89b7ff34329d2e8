// The form's verdict: each wrong field named with what is allowed; right forms become sweeps.
#include <gtest/gtest.h>

#include "form_check.h"
#include "presets.h"

using namespace plab;
using namespace plab::ui;

namespace {

FormInput good() {
    FormInput in;
    in.strategies = {Strategy::Serial, Strategy::Map};
    return in;
}

}  // namespace

TEST(FormCheck, TheDefaultsAreTheArticlesExperiment) {
    const FormCheck c = check_form(good());
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c.legs.size(), 1u);
    EXPECT_EQ(c.legs[0].workers, std::vector<int>{5});
    EXPECT_EQ(c.legs[0].base.tasks, 10);
    EXPECT_EQ(c.legs[0].base.delay_ns, 1'000'000'000);
    EXPECT_EQ(c.legs[0].base.chunksize, 0);
    EXPECT_EQ(c.legs[0].base.crash_task, -1);
}

TEST(FormCheck, EachWrongFieldIsNamedAlone) {
    FormInput in = good();
    in.workers = "0";
    in.delay = "soon";
    const FormCheck c = check_form(in);
    EXPECT_FALSE(c.ok());
    EXPECT_EQ(c.errors.size(), 2u);
    EXPECT_TRUE(c.errors.count(Field::Workers));
    EXPECT_TRUE(c.errors.count(Field::Delay));
    EXPECT_TRUE(c.legs.empty());
}

TEST(FormCheck, FieldsThatDependOnTasksAreCheckedAgainstIt) {
    FormInput in = good();
    in.tasks = 4;
    in.chunksize = "5";
    in.crash_task = "4";
    const FormCheck c = check_form(in);
    EXPECT_TRUE(c.errors.count(Field::Chunksize));
    EXPECT_TRUE(c.errors.count(Field::CrashTask));
    EXPECT_NE(c.errors.at(Field::CrashTask).find("0..3"), std::string::npos);
}

TEST(FormCheck, NoStrategyIsAnError) {
    FormInput in = good();
    in.strategies.clear();
    EXPECT_TRUE(check_form(in).errors.count(Field::Strategies));
}

TEST(FormCheck, OutOfRangeNumbersUseCoresMessage) {
    FormInput in = good();
    in.exponent = 63;
    in.repeats = 0;
    in.tasks = 0;
    const FormCheck c = check_form(in);
    EXPECT_NE(c.errors.at(Field::Exponent).find("0..62"), std::string::npos);
    EXPECT_NE(c.errors.at(Field::Repeats).find("1..1000"), std::string::npos);
    EXPECT_NE(c.errors.at(Field::Tasks).find("1..10000000"), std::string::npos);
}

TEST(FormCheck, SeveralChunkSizesMakeOneSweepEach) {
    FormInput in = good();
    in.chunksize = "1,auto";
    const FormCheck c = check_form(in);
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c.legs.size(), 2u);
    EXPECT_EQ(c.legs[0].base.chunksize, 1);
    EXPECT_EQ(c.legs[1].base.chunksize, 0);
}

TEST(FormCheck, FormForIsTheReverse) {
    const FormCheck c = check_form(good());
    EXPECT_EQ(form_for(c.legs[0], {0}), good());
}

TEST(FormCheck, EveryPresetIsValid) {
    for (int cores : {1, 2, 16}) {
        for (const auto& p : presets(cores)) {
            const FormCheck c = check_form(p.form);
            EXPECT_TRUE(c.ok()) << p.name;
        }
    }
    const auto article = presets(2).front();
    EXPECT_EQ(article.form.strategies.size(), 6u);
    const auto cpu = presets(2)[1];
    EXPECT_EQ(cpu.form.workers, "1..4");
    EXPECT_EQ(cpu.form.workload, Workload::Cpu);
    EXPECT_EQ(check_form(presets(2)[2].form).legs.size(), 2u);
}
