#!/usr/bin/env python3
"""The one command for issue 4: builds the benchmarks, then runs, round after round in one go,
the machine's raw floors (plab_floor_bench), our pool (plab_pool_bench) and Python's
multiprocessing (python_pool_bench.py) on the same workloads, and prints the table: each case's
Python figure, ours, the ratio Python/ours, the relevant raw floor, the issue's target and
PASS/MISS. In every round each case runs its floor, then ours and Python's back to back (the
order alternates by round), so a ratio is always taken between figures measured within seconds
of each other; the table shows medians over the rounds (at least 5) of figures and of ratios.
Then (issue 10), where the window was built, the tiny-tasks preset through the real window and
headless, round after round (plab_timing_bench): each run's elapsed in both, and their ratio.
Last (issue 12, bench/lab_rows.py), Python as the lab runs it: parallel-lab's py_ strategies,
the lesson scripts of resources/python, against our pool, for the article and the GIL.

  bench/compare.py                  # the full comparison (about 7 minutes on 2 cores)
  bench/compare.py --smoke          # CI: builds and runs everything once, briefly; asserts no timing
  bench/compare.py --json out.json  # also keep every round's raw figures

Exit status: 0 when every program ran and every benchmark succeeded (MISS does not fail it),
1 when a program failed or a benchmark reported an error, 2 on bad usage.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree for the module below
import mpi_rows  # noqa: E402
from lab_rows import lab_rows  # noqa: E402

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

# Where each figure comes from: (source, benchmark, counter). source: "ours", "py", "floor".
FLOORS = {
    "pipe_rtt": ("floor_pipe_rtt", "us", "pipe RTT {:.1f} us"),
    "thread_rtt": ("floor_thread_rtt", "us", "thread RTT {:.1f} us"),
    "pipe_msg": ("floor_pipe_msg", "us_per_msg", "pipelined msg {:.2f} us"),
    "pipe_bw": ("floor_pipe_bw", "gb_per_s", "pipe {:.2f} GB/s"),
    "fork8": ("floor_fork8", "ms", "fork+reap 8: {:.2f} ms"),
    "syscall": ("floor_syscall", "ns", "syscall {:.0f} ns"),
    "page_fault": ("floor_page_fault", "us_per_page", "page fault {:.1f} us/4KiB"),
}
# Floors no row points at, printed under the table because they explain it.
EXTRA_FLOORS = ["thread_rtt", "syscall", "page_fault"]

# The table's rows. kind: "ratio" (PASS when Python/ours >= want), "floor" (PASS when
# ours <= want x floor), "recover" (case 7), "info" (no target), "window" (case 9: ours only,
# each counter at most its want; measured where plab_window_bench was built), "skip".
CASES = [
    dict(id="1", what="article: Pool(5) start+map 10x20ms+teardown, overhead", unit="ms",
         bench="case1_article", counter="overhead_ms", floor="fork8", kind="ratio", want=10),
    dict(id="1b", what="  same through run_experiment (the CLI's path)", unit="ms",
         bench="case1b_runner", counter="overhead_ms", py_bench="case1_article", floor="fork8",
         kind="info"),
    dict(id="2", what="one apply at a time: round trip", unit="us",
         bench="case2_apply_rtt", counter="us", floor="pipe_rtt", kind="floor", want=1.5),
    dict(id="3", what="20,000 apply_async, then get all", unit="us/task",
         bench="case3_apply_async_20k", counter="us_per_task", floor="pipe_msg", kind="ratio",
         want=10),
    dict(id="4", what="map 100,000 tiny tasks, chunksize 1", unit="us/task",
         bench="case4_map_100k_chunk1", counter="us_per_task", floor="pipe_msg", kind="ratio",
         want=10),
    dict(id="5", what="map 1,000,000 tiny tasks, auto chunksize", unit="us/task",
         bench="case5_map_1m_auto", counter="us_per_task", floor="pipe_bw", kind="ratio", want=5),
    dict(id="6", what="Pool(8) start + teardown, nothing run", unit="ms",
         bench="case6_pool8", counter="ms", floor="fork8", kind="ratio", want=10),
    dict(id="7", what="worker SIGKILLed mid-task: error + replacement serves", unit="ms",
         bench="case7_kill_recover", counter="ms", floor="fork8", kind="recover", want=50),
    dict(id="8a", what="closure pool (pathos analog): article overhead", unit="ms",
         bench="case8a_closure_article", counter="overhead_ms", floor="fork8", kind="info"),
    dict(id="8b", what="closure pool: map 100,000 tiny, start+teardown incl.", unit="us/task",
         bench="case8b_closure_map_100k", counter="us_per_task", floor="pipe_msg", kind="info"),
    dict(id="9", what="window under load, 100,000 tasks: stall, redraws, memory", unit="",
         bench="case9_window", kind="window",
         want={"stall_ms": 50, "redraws_per_s": 30, "bytes_per_task": 200}),
]


def run(cmd, **kw):
    """Runs cmd, returning stdout; raises RuntimeError with its stderr when it fails."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{shlex.join(map(str, cmd))} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p.stdout


def build(build_dir, jobs):
    """Configures bench/ as its own project (it adds ../core itself), Release, and builds it.
    A build folder configured from elsewhere (the whole project) is only built, as it is."""
    cache = Path(build_dir) / "CMakeCache.txt"
    home = ""
    if cache.exists():
        for line in cache.read_text(errors="replace").splitlines():
            if line.startswith("CMAKE_HOME_DIRECTORY:"):
                home = line.split("=", 1)[1]
    if not home or Path(home).resolve() == BENCH:
        gen = ["-G", "Ninja"] if shutil.which("ninja") and not home else []
        run(["cmake", "-S", BENCH, "-B", build_dir, *gen, "-DCMAKE_BUILD_TYPE=Release"])
        run(["cmake", "--build", build_dir, "-j", str(jobs)])
    else:
        run(["cmake", "--build", build_dir, "-j", str(jobs), "--target", "plab_pool_bench",
             "plab_floor_bench", "plab_uneven_bench", "plab_start_bench", "plab_payload_bench",
             "parallel-lab"])
    return Path(build_dir) / "bin"


def pick_python(requested):
    """The interpreter for the Python side: as asked, else the first python3 that has a
    closure-capable pool (pathos or multiprocess), else python3."""
    if requested:
        return requested
    found = [p for p in (shutil.which("python3"), "/usr/bin/python3") if p and os.path.exists(p)]
    for py in found:
        probe = "import importlib.util as u; print(any(u.find_spec(m) for m in ('pathos', 'multiprocess')))"
        if subprocess.run([py, "-c", probe], capture_output=True, text=True).stdout.strip() == "True":
            return py
    return found[0] if found else sys.executable


def gbench(binary, min_time, name):
    """{counter: value} of benchmark name from one Google Benchmark run; raises on an error."""
    out = json.loads(run([binary, "--benchmark_format=json", f"--benchmark_min_time={min_time}",
                          f"--benchmark_filter=^{name}(/|$)"]))
    figures = {}
    for b in out["benchmarks"]:
        name = b["name"].split("/")[0]
        if b.get("error_occurred"):
            raise RuntimeError(f"{name}: {b.get('error_message')}")
        figures[name] = {k: v for k, v in b.items() if isinstance(v, (int, float))}
    if name not in figures:
        raise RuntimeError(f"{binary} has no benchmark {name}")
    return figures[name]


def measure(case, bindir, py_cmd, min_time, ours_first):
    """One round of one case: its raw floor, then ours and Python's back to back (which goes
    first alternates by round), so all three see the same moment of the machine's load.
    The window case has no Python side and no floor: ours only, when it was built."""
    if case["kind"] == "window":
        program = bindir / "plab_window_bench"
        return {"ours": gbench(program, min_time, case["bench"])} if program.exists() else {}
    floor = FLOORS[case["floor"]][0]
    r = {"floor": gbench(bindir / "plab_floor_bench", min_time, floor)}
    sides = ["ours", "py"] if ours_first else ["py", "ours"]
    for side in sides:
        if side == "ours":
            r["ours"] = gbench(bindir / "plab_pool_bench", min_time, case["bench"])
        else:
            out = json.loads(run(py_cmd + ["--cases", case.get("py_bench", case["bench"])]))
            r["py"] = next(iter(out.pop("cases").values()))
            r["py_info"] = out
    return r


def timing_rows(bindir, rounds, smoke):
    """Issue 10, item 6: the tiny-tasks preset through the window (offscreen, real engine)
    between two headless `parallel-lab sweep` runs, `rounds` rounds (plab_timing_bench).
    None when the program was not built (no window in this build)."""
    program = bindir / "plab_timing_bench"
    if not program.exists():
        return None
    if smoke:
        return json.loads(run([program, "--rounds", "1", "--tasks", "200"]))
    return json.loads(run([program, "--rounds", str(max(rounds, 15))]))


def timing_table(timing, smoke):
    """Each run's median elapsed in the window and headless (the mean of the two headless runs
    around the window's), the median per-round ratio, the headless A/A ratio (the same command
    against itself: the noise floor), and PASS when the window's median is within 10% or 1 ms
    of the headless one, whichever is larger."""
    head = ["run (tiny-tasks preset)", "window ms", "headless ms", "window/headless",
            "headless A/A", "target", "result"]
    rows = []
    for r in timing["runs"]:
        w, h = r["window_ms"], r["headless_ms"]
        ok = abs(w - h) <= max(0.1 * h, 1.0)
        rows.append([r["run"], f"{w:.1f}", f"{h:.1f}", f"{r['ratio']:.2f}",
                     f"{r.get('aa_ratio', float('nan')):.2f}",
                     "within 10% or 1 ms", "-" if smoke else ("PASS" if ok else "MISS")])
    widths = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(lines)


def machine():
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def med(samples, source, counter):
    """The median over rounds of one figure of one case (None when never measured)."""
    vals = [r[source][counter] for r in samples if counter in r.get(source, {})]
    return statistics.median(vals) if vals else None


def med_ratio(samples, num, den, counter_num, counter_den):
    """The median over rounds of num/den, each ratio taken within one round."""
    vals = [r[num][counter_num] / r[den][counter_den] for r in samples
            if r[den].get(counter_den, 0) > 0 and counter_num in r[num]]
    return statistics.median(vals) if vals else None


def fmt(v, unit):
    if v is None:
        return "-"
    if unit in ("us", "us/task") and v < 1:
        return f"{v:.3f}"
    return f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}"


def verdict(case, ratio, vs_floor, ours, serving):
    kind = case["kind"]
    if kind == "ratio":
        return f">= {case['want']}x less than Python", ratio is not None and ratio >= case["want"]
    if kind == "floor":
        return f"<= {case['want']}x raw RTT", vs_floor is not None and vs_floor <= case["want"]
    if kind == "recover":
        ok = ours is not None and ours < case["want"] and serving == 1
        return f"< {case['want']} ms, still serving", ok
    return ("(none in the issue)" if kind == "info" else case.get("note", "")), None


def row(case, samples, smoke):
    """One line of the table from one case's rounds."""
    if case["kind"] == "skip":
        return [case["id"], case["what"], "-", "-", "-", "-", "-", case["note"], "SKIP"]
    if case["kind"] == "window":
        want = case["want"]
        target = f"<= {want['stall_ms']} ms, {want['redraws_per_s']}/s, {want['bytes_per_task']} B"
        got = {k: med(samples, "ours", k) for k in want}
        if None in got.values():
            return [case["id"], case["what"], "-", "-", "-", "-", "-", target,
                    "SKIP (plab_window_bench not built)"]
        ok = all(got[k] <= want[k] for k in want)
        ours_s = (f"{got['stall_ms']:.0f} ms, {got['redraws_per_s']:.1f}/s, "
                  f"{got['bytes_per_task']:.0f} B/task")
        result = "-" if smoke else ("PASS" if ok else "MISS")
        return [case["id"], case["what"], "-", ours_s, "-", "-", "-", target, result]
    unit, counter = case["unit"], case["counter"]
    fname, fcounter, flabel = FLOORS[case["floor"]]
    ours = med(samples, "ours", counter)
    py = med(samples, "py", counter)
    floor = med(samples, "floor", fcounter)
    ratio = med_ratio(samples, "py", "ours", counter, counter)
    vs_floor = None if case["floor"] == "pipe_bw" else med_ratio(samples, "ours", "floor", counter, fcounter)
    serving = med(samples, "ours", "serving")
    py_s, ours_s = fmt(py, unit), fmt(ours, unit)
    ratio_s = f"{ratio:.1f}x" if ratio is not None else "-"
    if case["kind"] == "recover":
        hangs = med(samples, "py", "pool_hangs")
        ppe = med(samples, "py", "ppe_error_ms")
        ppe_serving = med(samples, "py", "ppe_serving")
        py_s = ("Pool: hangs" if hangs else "Pool: error") + (
            f"; PPE: error {ppe:.1f}, then {'serves' if ppe_serving else 'broken'}" if ppe is not None else "")
        err = med(samples, "ours", "error_ms")
        ours_s = f"{fmt(ours, unit)} (error {fmt(err, unit)}), " + ("serves" if serving == 1 else "BROKEN")
        ratio_s = "-"
    target, ok = verdict(case, ratio, vs_floor, ours, serving)
    result = "-" if smoke else ("INFO" if ok is None else "PASS" if ok else "MISS")
    return [case["id"], f"{case['what']} ({unit})", py_s, ours_s, ratio_s,
            flabel.format(floor) if floor is not None else "-",
            f"{vs_floor:.1f}x" if vs_floor is not None else "-", target, result]


def table(results, smoke):
    rows = [row(c, results.get(c["id"], []), smoke) for c in CASES]
    head = ["case", "what (unit)", "Python", "ours", "Py/ours", "raw floor (same run)",
            "ours/floor", "target", "result"]
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(lines)


def uneven_rows(bindir, rounds):
    """Issue 11, "uneven tasks": straggler and rising runs against the model (the largest
    per-worker sum of planned durations under the chunking used), plab_uneven_bench."""
    program = bindir / "plab_uneven_bench"
    return json.loads(run([program, "--rounds", str(rounds)])) if program.exists() else None


def uneven_table(uneven, smoke):
    """Each case's model and median elapsed; PASS when elapsed is within 5% of the model."""
    head = ["run (uneven tasks)", "chunk", "model s", "elapsed s", "elapsed/model", "target",
            "result"]
    rows = []
    for c in uneven["cases"]:
        ok = c["model_s"] <= c["elapsed_s"] * 1.0001 and c["ratio"] <= 1.05
        rows.append([c["name"], c["chunksize"], f"{c['model_s']:.3f}", f"{c['elapsed_s']:.3f}",
                     f"{c['ratio']:.3f}", "<= 1.05", "SMOKE" if smoke else ("PASS" if ok else "MISS")])
    widths = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(lines)


def payload_rows(bindir, py, smoke):
    """Issue 11, item 3: per-task cost of 1 KiB, 1 MiB and 16 MiB out and back, ours (with the
    pipe's round trip in the same run) and Python's; target: 16 MiB within 1.5x of the pipe."""
    exe = bindir / "plab_payload_bench"
    if not exe.exists():
        return "moving data: SKIP (plab_payload_bench not built)"
    rounds = "1" if smoke else "5"
    ours = {r["bytes"]: r for r in map(json.loads, run([str(exe), rounds]).splitlines())}
    pys = {r["bytes"]: r for r in map(json.loads, run(
        [py, str(BENCH / "python_payload_bench.py"), rounds]).splitlines())}
    lines = ["moving data (one apply_async at a time on Pool(1), bytes out and back, per task):",
             "| payload | ours | Python | pipe round trip | ours / pipe | target | verdict |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for n, o in sorted(ours.items()):
        want = n == 16 << 20
        verdict = "" if not want or smoke else ("PASS" if o["ratio"] <= 1.5 else "MISS")
        lines.append(f"| {n} B | {o['ours_us']:.1f} us | {pys.get(n, {}).get('py_us', float('nan')):.1f} us"
                     f" | {o['pipe_us']:.1f} us | {o['ratio']:.2f} | {'<= 1.5' if want else ''} | {verdict} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5, help="rounds to take medians over (>= 5)")
    ap.add_argument("--smoke", action="store_true",
                    help="one brief round: checks that everything builds and runs, no timings")
    ap.add_argument("--build-dir", default=str(ROOT / "build-bench"), help="where to build (default: build-bench)")
    ap.add_argument("--bin-dir", help="use the benchmarks already built here; skip the build")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "1")),
                    help="parallel compile jobs (default: $CMAKE_BUILD_PARALLEL_LEVEL or 1)")
    ap.add_argument("--python", help="interpreter for the Python side (default: see pick_python)")
    ap.add_argument("--min-time", type=float, default=0.5,
                    help="Google Benchmark's minimum seconds per benchmark and round")
    ap.add_argument("--json", help="write every round's raw figures here")
    ap.add_argument("--engine", help="parallel-lab with its MPI module, for issue 13's rows "
                    "(default: the bin folder's; without it they are skipped)")
    args = ap.parse_args()
    if not args.smoke and args.rounds < 5:
        ap.error("--rounds must be at least 5 (medians of at least 5 runs)")
    rounds_n = 1 if args.smoke else args.rounds
    min_time = 0.01 if args.smoke else args.min_time

    try:
        bindir = Path(args.bin_dir) if args.bin_dir else build(args.build_dir, args.jobs)
        py = pick_python(args.python)
        info = machine()
        results = {c["id"]: [] for c in CASES if c["kind"] != "skip"}
        extra = []
        py_cmd = [py, BENCH / "python_pool_bench.py"] + (["--smoke"] if args.smoke else [])
        for i in range(rounds_n):
            print(f"round {i + 1}/{rounds_n} ...", file=sys.stderr, flush=True)
            for c in CASES:
                if c["kind"] != "skip":
                    results[c["id"]].append(measure(c, bindir, py_cmd, min_time, i % 2 == 0))
            extra.append({k: gbench(bindir / "plab_floor_bench", min_time, FLOORS[k][0])
                          for k in EXTRA_FLOORS})
        print("timings: window vs headless ...", file=sys.stderr, flush=True)
        timing = timing_rows(bindir, rounds_n, args.smoke)
        print("uneven tasks: straggler runs vs the model ...", file=sys.stderr, flush=True)
        uneven = uneven_rows(bindir, rounds_n)
    except (RuntimeError, OSError, json.JSONDecodeError) as e:
        print(f"compare: {e}", file=sys.stderr)
        return 1

    pyinfo = results["1"][0]["py_info"]
    info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"ParallelLab pool vs Python {pyinfo['python']} multiprocessing (fork), "
          f"{rounds_n} round(s), medians" + ("  [SMOKE: timings meaningless]" if args.smoke else ""))
    print(f"machine: {info['nproc']} cores, {info['cpu']}, Linux {info['kernel']}, {info['date']}, "
          f"load avg {info['load']} -> {info['load_after']}")
    print(f"python: {pyinfo['executable']}; closure backend for 8: {pyinfo['closure_backend']}; "
          f"tiny-task pools: {pyinfo['workers']} workers on both sides")
    print(f"command: {shlex.join(sys.argv)}\n")
    print(table(results, args.smoke))
    print("\nother floors, same run: " + "; ".join(
        FLOORS[k][2].format(statistics.median(e[k][FLOORS[k][1]] for e in extra)) for k in EXTRA_FLOORS))
    if timing is None:
        print("\ntimings, window vs headless: SKIP (plab_timing_bench not built)")
    else:
        print(f"\ntimings, window vs headless: tiny-tasks preset, {timing['tasks']} tasks, "
              f"medians of {timing['rounds']} round(s)")
        print(timing_table(timing, args.smoke))
    if uneven is None:
        print("\nuneven tasks: SKIP (plab_uneven_bench not built)")
    else:
        print(f"\nuneven tasks: elapsed against the model, medians of {uneven['rounds']} round(s)")
        print(uneven_table(uneven, args.smoke))
    start_bench = bindir / "plab_start_bench"  # issue 11, item 4: its own table, one run
    if start_bench.exists():
        print("\nstart methods: pool start + teardown, ours vs Python's same method; targets "
              ">= 5x cheaper than Python, spawn <= 2x raw posix_spawn+exit of our binary")
        print(subprocess.run([str(start_bench), py], capture_output=True, text=True).stdout.rstrip())
    else:
        print("\nstart methods: SKIP (plab_start_bench not built)")
    try:
        print("\n" + payload_rows(bindir, py, args.smoke))
    except (RuntimeError, OSError, json.JSONDecodeError) as e:
        print(f"compare: moving data: {e}", file=sys.stderr)
        return 1
    try:
        print("\n" + lab_rows(Path(args.engine) if args.engine else bindir / "parallel-lab", py, rounds_n, args.smoke))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print(f"compare: Python through the lab: {e}", file=sys.stderr)
        return 1
    try:  # issue 13: Open MPI against our pool, through the engine (bench/mpi_rows.py)
        print("\n" + mpi_rows.rows(args.engine or bindir / "parallel-lab", rounds_n, args.smoke))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print(f"compare: Open MPI rows: {e}", file=sys.stderr)
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "python": pyinfo, "results": results,
                                               "other_floors": extra, "timing": timing,
                                               "uneven": uneven}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
