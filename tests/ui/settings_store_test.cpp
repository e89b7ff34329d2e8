// Settings round trip through an INI file of the test's own.
#include <gtest/gtest.h>

#include <QTemporaryDir>

#include "settings_store.h"

using namespace plab;
using namespace plab::ui;

TEST(SettingsStore, TheLastExperimentComesBack) {
    QTemporaryDir dir;
    FormInput form;
    form.strategies = {Strategy::Map, Strategy::PathosMap};
    form.workers = "1..8";
    form.tasks = 123;
    form.delay = "250ms";
    form.workload = Workload::Cpu;
    form.exponent = 3;
    form.chunksize = "1,auto";
    form.repeats = 4;
    form.crash_task = "7";
    form.serial_fraction = 0.25;
    form.scaling = Scaling::Weak;
    form.durations = "straggler:10";
    form.seed = 42;
    form.starts = {StartMethod::Fork, StartMethod::Spawn};
    form.payload = "0,1MiB";
    {
        SettingsStore store(dir.filePath("s.ini"));
        EXPECT_FALSE(store.load_form());
        store.save_form(form);
        store.save_blob("window/geometry", QByteArray("\x01\x02", 2));
        store.save_number("window/tab", 3);
        store.sync();
    }
    SettingsStore again(dir.filePath("s.ini"));
    ASSERT_TRUE(again.load_form());
    EXPECT_EQ(*again.load_form(), form);
    EXPECT_EQ(again.blob("window/geometry"), QByteArray("\x01\x02", 2));
    EXPECT_EQ(again.number("window/tab", 0), 3);
    EXPECT_EQ(again.number("window/missing", 9), 9);
}

TEST(SettingsStore, UnknownStrategiesAreDropped) {
    QTemporaryDir dir;
    {
        QSettings raw(dir.filePath("s.ini"), QSettings::IniFormat);
        raw.setValue("experiment/strategies", "map,warp_drive");
    }
    SettingsStore store(dir.filePath("s.ini"));
    ASSERT_TRUE(store.load_form());
    EXPECT_EQ(store.load_form()->strategies, std::vector<Strategy>{Strategy::Map});
}

TEST(SettingsStore, UnreadableLessonSettingsKeepTheirDefaults) {
    QTemporaryDir dir;
    {
        QSettings raw(dir.filePath("s.ini"), QSettings::IniFormat);
        raw.setValue("experiment/strategies", "map");
        raw.setValue("experiment/serial_fraction", "1.5");
        raw.setValue("experiment/scaling", "sideways");
        raw.setValue("experiment/seed", "-3");
        raw.setValue("experiment/starts", "vfork,clone");
    }
    SettingsStore store(dir.filePath("s.ini"));
    const auto form = store.load_form();
    ASSERT_TRUE(form);
    const FormInput defaults;
    EXPECT_EQ(form->serial_fraction, defaults.serial_fraction);
    EXPECT_EQ(form->scaling, defaults.scaling);
    EXPECT_EQ(form->seed, defaults.seed);
    EXPECT_EQ(form->starts, defaults.starts);
    EXPECT_EQ(form->durations, "fixed");  // absent: the default
}
