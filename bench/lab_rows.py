"""Issue 12's rows of bench/compare.py: Python measured the way the lab measures it.

The other rows time Python with python_pool_bench.py. These run parallel-lab itself, whose py_
strategies run the lesson scripts of resources/python (the files the Code view shows), so the
lab and the benchmark measure Python the same way: elapsed as the script prints it (pool start +
work + teardown), with the per-task events the window records, on both sides.

Targets, written before measuring:
- The article's experiment (10 tasks, 5 workers, 20 ms each): our pool's overhead above the
  ideal 2 x 20 ms is at least 5x smaller than Python's (py_map).
- The GIL (4 cpu tasks of 100 ms on 2 workers): Python's ThreadPool speeds py_serial up by at
  most 1.25x; our threads speed serial up by at least 0.8 x min(2, cores).
"""

import csv
import io
import os
import statistics
import subprocess

ARTICLE = ["--workers", "5", "--tasks", "10", "--delay", "0.02"]
GIL = ["--workers", "2", "--tasks", "4", "--delay", "0.1", "--workload", "cpu"]


def _sweep(exe, py, strategies, args, repeats):
    """Median elapsed_s per strategy of one `parallel-lab sweep` run."""
    cmd = [str(exe), "sweep", "--strategies", ",".join(strategies), "--repeat", str(repeats),
           "--python", py, "--csv", "-"] + args
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr.strip()[-300:]}")
    elapsed = {s: [] for s in strategies}
    for row in csv.DictReader(io.StringIO(p.stdout)):
        elapsed[row["strategy"]].append(float(row["elapsed_s"]))
    return {s: statistics.median(v) for s, v in elapsed.items()}


def lab_rows(exe, py, rounds, smoke):
    """The table's text: each case, both sides, the ratio, its target and the verdict."""
    if not exe.exists():
        return "Python through the lab: SKIP (parallel-lab not built)"
    repeats = 1 if smoke else rounds
    lines = [f"Python through the lab (parallel-lab sweep, the lesson scripts; medians of {repeats}):",
             "| case | ours | Python | target | verdict |",
             "| --- | --- | --- | --- | --- |"]

    def verdict(ok):
        return "SMOKE" if smoke else ("PASS" if ok else "MISS")

    e = _sweep(exe, py, ["map", "py_map"], ARTICLE, repeats)
    ours, theirs = e["map"] - 0.04, e["py_map"] - 0.04
    ratio = theirs / ours if ours > 0 else float("inf")
    lines.append(f"| article: overhead above 2 x 20 ms | {ours * 1e3:.2f} ms | {theirs * 1e3:.2f} ms "
                 f"| Python / ours >= 5x (here {ratio:.1f}x) | {verdict(ratio >= 5)} |")

    cores = os.cpu_count() or 1
    g = _sweep(exe, py, ["serial", "thread_map", "py_serial", "py_thread_map"], GIL, repeats)
    ours_s = g["serial"] / g["thread_map"]
    py_s = g["py_serial"] / g["py_thread_map"]
    want = 0.8 * min(2, cores)
    lines.append(f"| GIL: threads' speedup, 4 x 100 ms cpu, 2 workers | {ours_s:.2f}x | {py_s:.2f}x "
                 f"| ours >= {want:.1f}x, Python <= 1.25x | {verdict(ours_s >= want and py_s <= 1.25)} |")
    return "\n".join(lines)
