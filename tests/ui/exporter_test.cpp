// Exports: atomic files, the engine's CSV kept as it is, clear messages where writing fails.
#include <gtest/gtest.h>

#include <QFile>
#include <QLabel>
#include <QTemporaryDir>

#include "exporter.h"
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
    EXPECT_TRUE(svg.contains("Speedup"));
    EXPECT_FALSE(export_png(&label, dir.filePath("missing/c.png"), &error));
    EXPECT_TRUE(error.startsWith("Cannot write")) << error.toStdString();
}
