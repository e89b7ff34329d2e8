// Exports: atomic files, the engine's CSV kept as it is, clear messages where writing fails.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "chart_points.h"
#include "elapsed_chart.h"
#include "exporter.h"
#include "speedup_chart.h"
#include "sweep_fixture.h"

using namespace plab::ui;

namespace {

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Parses an SVG file as XML to its end; returns its <title> text, or "XML error: ..." when
/// the file is not well-formed.
std::string svg_title(const QString& path) {
    QXmlStreamReader xml(read(path));
    QString title;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"title") {
            title = xml.readElementText();
        }
    }
    if (xml.hasError()) {
        return "XML error: " + xml.errorString().toStdString() + " at line " +
               std::to_string(xml.lineNumber());
    }
    return title.toStdString();
}

mode_t mode_of(const QString& path) {
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

}  // namespace

TEST(Exporter, OneCsvIsCopiedAsItIs) {
    QTemporaryDir dir;
    write(dir.filePath("a.csv"), "run,strategy\r\n1,map\r\n");
    QString error;
    ASSERT_TRUE(export_csv({{dir.filePath("a.csv"), 0}}, dir.filePath("out.csv"), &error))
        << error.toStdString();
    EXPECT_EQ(read(dir.filePath("out.csv")), "run,strategy\r\n1,map\r\n");
}

TEST(Exporter, SeveralCsvKeepOneHeaderAndTheWindowsRunNumbers) {
    QTemporaryDir dir;
    write(dir.filePath("a.csv"), "run,strategy,result\r\n1,map,\"[1, 2]\"\r\n2,map,3\r\n");
    write(dir.filePath("b.csv"), "run,strategy,result\r\n1,starmap,1\r\n1,starmap,2\r\n2,map,x");
    QString error;
    ASSERT_TRUE(export_csv({{dir.filePath("a.csv"), 0}, {dir.filePath("b.csv"), 2}},
                           dir.filePath("out.csv"), &error));
    EXPECT_EQ(read(dir.filePath("out.csv")),
              "run,strategy,result\r\n1,map,\"[1, 2]\"\r\n2,map,3\r\n"
              "3,starmap,1\r\n3,starmap,2\r\n4,map,x");
}

TEST(Exporter, ALineBreakInsideAQuotedFieldStaysInItsRow) {
    // An error text with a line break, whose second line looks like a row ("7,y..."): only
    // the rows' own run numbers are raised, and the second file's header is still dropped.
    QTemporaryDir dir;
    write(dir.filePath("a.csv"), "run,strategy,error\r\n1,map,\"first\nsecond\"\r\n");
    write(dir.filePath("b.csv"),
          "run,strategy,error\r\n1,starmap,\"x\n7,y \"\"quoted\"\"\n8,z\"\r\n2,map,\r\n");
    QString error;
    ASSERT_TRUE(export_csv({{dir.filePath("a.csv"), 0}, {dir.filePath("b.csv"), 1}},
                           dir.filePath("out.csv"), &error))
        << error.toStdString();
    EXPECT_EQ(read(dir.filePath("out.csv")).toStdString(),
              "run,strategy,error\r\n1,map,\"first\nsecond\"\r\n"
              "2,starmap,\"x\n7,y \"\"quoted\"\"\n8,z\"\r\n3,map,\r\n");
}

TEST(Exporter, AnExportKeepsTheFilesModeAndFollowsASymbolicLink) {
    QTemporaryDir dir;
    write(dir.filePath("a.csv"), "run\r\n1\r\n");
    const QString kept = dir.filePath("kept.csv");
    write(kept, "old");
    ASSERT_EQ(::chmod(QFile::encodeName(kept).constData(), 0600), 0);
    QString error;
    ASSERT_TRUE(export_csv({{dir.filePath("a.csv"), 0}}, kept, &error)) << error.toStdString();
    EXPECT_EQ(read(kept), "run\r\n1\r\n");
    EXPECT_EQ(mode_of(kept), 0600u);  // a private file stays private

    const QString link = dir.filePath("latest.csv");
    ASSERT_TRUE(QFile::link(kept, link));
    ASSERT_TRUE(export_trace_json(
        [] {
            SweepData d;
            plab::ui::testing::feed_first_half(d);
            return d;
        }(),
        link, &error))
        << error.toStdString();
    EXPECT_TRUE(QFileInfo(link).isSymLink());  // the link stays, its target is replaced
    EXPECT_TRUE(read(kept).startsWith(R"({"displayTimeUnit")"));
    EXPECT_EQ(mode_of(kept), 0600u);

    // "-" is a file of that name, not standard output.
    const QString before = QDir::currentPath();
    ASSERT_TRUE(QDir::setCurrent(dir.path()));
    const bool dash = export_csv({{dir.filePath("a.csv"), 0}}, "-", &error);
    QDir::setCurrent(before);
    ASSERT_TRUE(dash) << error.toStdString();
    EXPECT_EQ(read(dir.filePath("-")), "run\r\n1\r\n");
}

TEST(Exporter, UnwritablePathSaysSoAndWritesNothing) {
    QTemporaryDir dir;
    write(dir.filePath("a.csv"), "x\r\n");
    QString error;
    const QString target = dir.filePath("no/such/folder/out.csv");
    EXPECT_FALSE(export_csv({{dir.filePath("a.csv"), 0}}, target, &error));
    EXPECT_TRUE(error.contains(target)) << error.toStdString();
    EXPECT_FALSE(QFile::exists(target));
    EXPECT_FALSE(export_csv({}, dir.filePath("out.csv"), &error));
    EXPECT_TRUE(error.contains("run an experiment first")) << error.toStdString();
}

TEST(Exporter, TheTimelineAsATraceForPerfetto) {
    QTemporaryDir dir;
    const QString target = dir.filePath("trace.json");
    QString error;
    EXPECT_FALSE(export_trace_json(SweepData{}, target, &error));
    EXPECT_TRUE(error.contains("run an experiment first")) << error.toStdString();
    SweepData d;
    plab::ui::testing::feed_first_half(d);  // run 2 has two tasks still running: they are left out
    const std::vector<plab::TraceRun> mid = trace_of(d);
    ASSERT_EQ(mid.size(), 2u);
    EXPECT_EQ(mid[1].tasks.size(), 2u);
    plab::ui::testing::feed_second_half(d);
    ASSERT_TRUE(export_trace_json(d, target, &error)) << error.toStdString();
    const QString json = QString::fromUtf8(read(target));
    EXPECT_TRUE(json.startsWith(R"({"displayTimeUnit":"ms","traceEvents":[)"));
    EXPECT_TRUE(json.contains(R"("name":"Run 2 · Pool.map · 2 workers · chunksize 1")"))
        << json.toStdString();
    EXPECT_TRUE(json.contains(R"("name":"worker 1 · pid 202")"));
    EXPECT_EQ(json.count(R"({"ph":"X")"), 8);  // 4 serial + 4 map; the refused run has none
    EXPECT_TRUE(json.contains(R"("ts":1006000.000,"dur":1000000.000)"));  // task 2 of run 2
}

TEST(Exporter, PngAndSvgOfAWidget) {
    QTemporaryDir dir;
    QLabel label("speedup");
    label.resize(200, 80);
    QString error;
    ASSERT_TRUE(export_png(&label, dir.filePath("c.png"), &error)) << error.toStdString();
    EXPECT_TRUE(read(dir.filePath("c.png")).startsWith("\x89PNG"));
    ASSERT_TRUE(export_svg(&label, dir.filePath("c.svg"), "Speedup", &error))
        << error.toStdString();
    const QByteArray svg = read(dir.filePath("c.svg"));
    EXPECT_TRUE(svg.contains("<svg"));
    EXPECT_EQ(svg_title(dir.filePath("c.svg")), "Speedup");
    EXPECT_FALSE(export_png(&label, dir.filePath("missing/c.png"), &error));
    EXPECT_TRUE(error.startsWith("Cannot write")) << error.toStdString();
}

TEST(Exporter, ShortcutMarksAreNotPartOfATitle) {
    EXPECT_EQ(without_mnemonics("Speedup && efficiency").toStdString(), "Speedup & efficiency");
    EXPECT_EQ(without_mnemonics("&Run").toStdString(), "Run");
    EXPECT_EQ(without_mnemonics("Log").toStdString(), "Log");
    EXPECT_EQ(without_mnemonics("A & B &").toStdString(), "A  B &");
}

TEST(Exporter, EverySvgIsValidXmlWhateverItsTitleAndTextSay) {
    QTemporaryDir dir;
    QString error;
    QLabel label("x < y && \"z\" > 'w'");  // text drawn into the SVG, with XML's specials
    label.resize(300, 80);
    ASSERT_TRUE(
        export_svg(&label, dir.filePath("label.svg"), "<Speedup> && \"efficiency\"", &error))
        << error.toStdString();
    EXPECT_EQ(svg_title(dir.filePath("label.svg")), "<Speedup> & \"efficiency\"");

    // The two charts the window exports, drawn from a finished sweep, under the tab's text.
    SweepData d;
    plab::ui::testing::feed_first_half(d);
    plab::ui::testing::feed_second_half(d);
    const ChartPoints points = chart_points(d, 4);
    ElapsedChart elapsed;
    SpeedupChart speedup;
    elapsed.show_points(points);
    speedup.show_points(points);
    for (QWidget* chart : {static_cast<QWidget*>(&elapsed), static_cast<QWidget*>(&speedup)}) {
        chart->resize(800, 500);
        const QString path = dir.filePath("chart.svg");
        ASSERT_TRUE(export_svg(chart, path, "Speedup && efficiency", &error))
            << error.toStdString();
        EXPECT_EQ(svg_title(path), "Speedup & efficiency");
        EXPECT_GT(read(path).count("<text"), 0) << "the chart's labels are text, not pixels";
    }
}
