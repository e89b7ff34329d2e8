// The results tab in the real window with the real engine: after two experiments in a row, the
// second ending while another tab is shown, the tab shows the second's results.
#include <gtest/gtest.h>

#include <QTemporaryDir>
#include <QTest>

#include "main_window.h"
#include "ui_test_support.h"

using namespace plab;
using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

/// Serial and Pool.map on 2 workers, 4 tasks without delay, x to the power exponent.
FormInput quick_form(std::int64_t exponent) {
    FormInput form;
    form.strategies = {Strategy::Serial, Strategy::Map};
    form.workers = "2";
    form.tasks = 4;
    form.delay = "0";
    form.exponent = exponent;
    return form;
}

/// Runs what the form says and waits (bounded) for the engine to finish.
bool run_to_the_end(MainWindow& window, const FormInput& form) {
    window.controls()->set_input(form);
    return window.start_experiment() &&
           wait_for([&] { return !window.controller()->running(); }, 60'000);
}

std::string shown_list(const MainWindow& window) {
    return window.results()->ordered_view()->toPlainText().toStdString();
}

}  // namespace

TEST(ResultsWindow, ARunThatEndedBehindAnotherTabShowsItsOwnResults) {
    QTemporaryDir dir;
    const auto opened = open_window(PLAB_BINARY, dir);
    ASSERT_TRUE(opened);
    MainWindow& window = *opened;

    window.tabs()->setCurrentWidget(window.results());
    ASSERT_TRUE(run_to_the_end(window, quick_form(2)));
    ASSERT_TRUE(wait_for([&] { return shown_list(window) == "[0, 1, 4, 9]"; }, 5'000))
        << shown_list(window);

    window.tabs()->setCurrentWidget(window.code());  // the class looks at the code meanwhile
    ASSERT_TRUE(run_to_the_end(window, quick_form(3)));
    window.tabs()->setCurrentWidget(window.results());
    EXPECT_TRUE(wait_for([&] { return shown_list(window) == "[0, 1, 8, 27]"; }, 5'000))
        << shown_list(window);
    save_screenshot(&window, "results-after-unseen-run");
    window.close();
}
