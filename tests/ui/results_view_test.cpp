// The results tab fed event lines: the ordered list and the completion list always show the
// experiment that ran last, whichever tab was on screen when it ended.
#include <gtest/gtest.h>

#include <QPalette>
#include <QTextCursor>

#include "results_view.h"
#include "sweep_fixture.h"
#include "window_palette.h"

using namespace plab::ui;
using namespace plab::ui::testing;

namespace {

/// A second experiment like the fixture's first half (serial, then map on 2 workers, 4 tasks)
/// but with exponent 3, and task 3 of the map run killed with its worker: run 2 ends as
/// [0, 1, 8, None], with as many completion rows as the first experiment's run 2.
void feed_cubes_with_a_crash(SweepData& d) {
    d.begin_leg(small_leg());
    feed(d,
         {"plab-events 1",
          line({"run", "1", "1", "serial", "1", "4", "0.000000", "sleep", "3", "1", "-1"}),
          line({"task", "1", "0", "0", "100", "0.000010", "0.000020", "1", "0"}),
          line({"task", "1", "1", "0", "100", "0.000030", "0.000040", "1", "1"}),
          line({"task", "1", "2", "0", "100", "0.000050", "0.000060", "1", "8"}),
          line({"task", "1", "3", "0", "100", "0.000070", "0.000080", "1", "27"}),
          line({"end", "1", "0.000100", "0.000100", "0.000050", "1", "1", "nan", "0", "0", ""}),
          line({"run", "2", "1", "map", "2", "4", "0.000000", "sleep", "3", "1", "3"}),
          line({"task", "2", "0", "0", "401", "0.001", "0.002", "1", "0"}),
          line({"task", "2", "1", "1", "402", "0.001", "0.002", "1", "1"}),
          line({"task", "2", "2", "0", "401", "0.002", "0.003", "1", "8"}),
          line({"task", "2", "3", "1", "402", "0.002", "0.003", "0",
                "worker 1 (pid 402) was killed by signal 9 (SIGKILL) while running it"}),
          line({"end", "2", "0.004", "0.0001", "0.00005", "0.025", "0.0125", "nan", "1", "0", ""}),
          line({"done", "1"})},
         20.0);
}

std::string ordered(const ResultsView& view) {
    return view.ordered_view()->toPlainText().toStdString();
}

QString row(const ResultsView& view, int r) {
    return view.completion()->data(view.completion()->index(r)).toString();
}

}  // namespace

TEST(ResultsView, TheListIsTheLastExperimentsAfterARunEndedUnseen) {
    SweepData d;
    ResultsView view;
    feed_first_half(d);
    feed_second_half(d);
    view.show_run(&d, 2);
    EXPECT_EQ(ordered(view), "[0, 1, 4, 9]");

    // The next experiment runs while another tab is shown: nobody calls show_run.
    d.clear();
    feed_cubes_with_a_crash(d);
    view.show_run(&d, 2);  // same data, same run number, ended again
    EXPECT_EQ(ordered(view), "[0, 1, 8, None]");
    EXPECT_EQ(view.ordered_text().toStdString(), "[0, 1, 8, None]");
    ASSERT_EQ(view.completion()->rowCount(), 4);
    EXPECT_TRUE(row(view, 3).contains("killed by signal 9")) << row(view, 3).toStdString();

    // To look at: the tab as a projector shows it, light and dark.
    view.resize(1024, 560);
    save_screenshot(&view, "results-crash-run");
    view.setPalette(dark_palette());
    save_screenshot(&view, "results-crash-run-dark");
}

TEST(ResultsView, ARefusalThenARunWithTheSameNumberShowsTheRun) {
    SweepData d;
    ResultsView view;
    feed_first_half(d);
    feed_second_half(d);
    view.show_run(&d, 3);  // the refused closure
    EXPECT_EQ(ordered(view).rfind("Refused: cannot send", 0), 0u) << ordered(view);
    EXPECT_TRUE(view.ordered_text().isEmpty());

    d.clear();
    feed_cubes_with_a_crash(d);
    d.begin_leg(small_leg());  // a third run, numbered 3 like the refused one, that ran
    feed(d,
         {line({"run", "1", "1", "serial", "1", "2", "0.000000", "sleep", "3", "1", "-1"}),
          line({"task", "1", "0", "0", "100", "0.000010", "0.000020", "1", "0"}),
          line({"task", "1", "1", "0", "100", "0.000030", "0.000040", "1", "1"}),
          line({"end", "1", "0.000100", "0.000100", "0.000050", "1", "1", "nan", "0", "0", ""})},
         30.0);
    view.show_run(&d, 3);
    EXPECT_EQ(ordered(view), "[0, 1]");
    EXPECT_TRUE(view.copy_button()->isEnabled());
}

TEST(ResultsView, AnotherRunStartingKeepsTheReadersSelection) {
    SweepData d;
    ResultsView view;
    feed_first_half(d);
    feed_second_half(d);
    d.begin_leg(small_leg());
    view.show_run(&d, 2);
    view.ordered_view()->selectAll();
    ASSERT_TRUE(view.ordered_view()->textCursor().hasSelection());
    feed(d, {line({"run", "1", "1", "serial", "1", "4", "0.000000", "sleep", "2", "1", "-1"})},
         40.0);
    view.show_run(&d, 2);  // the list is rebuilt, and is the same: the selection stays
    EXPECT_EQ(ordered(view), "[0, 1, 4, 9]");
    EXPECT_TRUE(view.ordered_view()->textCursor().hasSelection());
}
