#!/usr/bin/env python3
"""Issue 13's benchmark rows: mpi_map and mpi_scatter against our pool on one machine, through
the real engine (parallel-lab sweep ... --csv), every strategy of a case in one sweep, so that a
ratio is taken between figures measured seconds apart; medians over the rounds. The targets
were written (docs/plans/issue-13-mpi.md, section 12) before anything was measured:

  start-up      launch_s at -np 5 (mpirun until rank 0 begins)           <= 0.6 s
  overhead      the article (10 x 1 s, 5 workers): elapsed - 2 s         <= 10 ms, both strategies
  tiny, chunk 1 20,000 x 0 s on 4 workers: mpi_map / map                 <= 2
  tiny, auto    the same with auto chunks: mpi_map / map <= 1.5, mpi_scatter / map <= 1

Elapsed of an MPI run starts when rank 0 first hands out work (mpirun's start-up is launch_s,
apart); the pool's elapsed includes starting its workers, as the article measures it.

  bench/mpi_rows.py --engine build/bin/parallel-lab [--rounds 5] [--smoke]

Without mpirun, or an engine that refuses the mpi_ strategies, it prints one SKIP line.
"""

import argparse
import csv
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = [  # (name, sweep arguments, and with --smoke)
    ("article", ["--workers", "5", "--tasks", "10", "--delay", "1"],
     ["--workers", "5", "--tasks", "10", "--delay", "0.01"]),
    ("tiny, chunk 1", ["--workers", "4", "--tasks", "20000", "--delay", "0", "--chunksize", "1"],
     ["--workers", "4", "--tasks", "200", "--delay", "0", "--chunksize", "1"]),
    ("tiny, auto", ["--workers", "4", "--tasks", "20000", "--delay", "0", "--chunksize", "auto"],
     ["--workers", "4", "--tasks", "200", "--delay", "0", "--chunksize", "auto"]),
]
STRATEGIES = "map,mpi_map,mpi_scatter"


def sweep(engine, args):
    """One sweep of map, mpi_map and mpi_scatter; {strategy: runs CSV row}."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "runs.csv"
        p = subprocess.run([str(engine), "sweep", "--strategies", STRATEGIES, *args,
                            "--csv", str(out)], capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            raise RuntimeError(f"sweep {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
        rows = csv.DictReader(io.StringIO(out.read_text()))
        return {r["strategy"]: r for r in rows}


def measure(engine, rounds, smoke):
    """Per case, per strategy: the elapsed and launch_s of every round."""
    figures = {name: {} for name, _, _ in CASES}
    for i in range(rounds):
        print(f"mpi rows: round {i + 1}/{rounds} ...", file=sys.stderr, flush=True)
        for name, args, smoke_args in CASES:
            for s, r in sweep(engine, smoke_args if smoke else args).items():
                f = figures[name].setdefault(s, {"elapsed": [], "launch": []})
                f["elapsed"].append(float(r["elapsed_s"]))
                if r.get("launch_s"):
                    f["launch"].append(float(r["launch_s"]))
    return figures


def table(figures, smoke):
    med = statistics.median
    ideal = 2 * (0.01 if smoke else 1.0)  # ceil(10 tasks / 5 workers) x the delay
    art = figures["article"]
    rows = []
    tiny = figures["tiny, auto"]
    launch = med(tiny["mpi_map"]["launch"] + tiny["mpi_scatter"]["launch"])
    rows.append(["start-up: launch_s at -np 5", f"{launch:.3f} s", "<= 0.6 s", launch <= 0.6])
    for s in ("map", "mpi_map", "mpi_scatter"):  # elapsed - 2 s
        over = (med(art[s]["elapsed"]) - ideal) * 1e3
        target = "<= 10 ms" if s != "map" else "(pool, for reference)"
        rows.append([f"article overhead: {s}", f"{over:.1f} ms", target,
                     over <= 10 if s != "map" else None])
    for case, wants in (("tiny, chunk 1", {"mpi_map": 2.0}),
                        ("tiny, auto", {"mpi_map": 1.5, "mpi_scatter": 1.0})):
        pool = med(figures[case]["map"]["elapsed"])
        rows.append([f"{case}: map (pool)", f"{pool * 1e3:.1f} ms", "", None])
        for s, want in wants.items():
            ratio = med(figures[case][s]["elapsed"]) / pool
            rows.append([f"{case}: {s} / map",
                         f"{med(figures[case][s]['elapsed']) * 1e3:.1f} ms = {ratio:.2f}x",
                         f"<= {want}x", ratio <= want])
    head = ["case", "measured (median)", "target", "result"]
    text = [[r[0], r[1], r[2], "" if r[3] is None else ("SMOKE" if smoke else
                                                         ("PASS" if r[3] else "MISS"))]
            for r in rows]
    widths = [max(len(x[i]) for x in text + [head]) for i in range(4)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(x.ljust(w) for x, w in zip(r, widths)) + " |" for r in text]
    return "\n".join(lines)


def rows(engine, rounds, smoke):
    """The section compare.py prints: the table, or one SKIP line saying why."""
    engine = Path(engine)
    if not engine.exists():
        return f"Open MPI rows: SKIP ({engine} not built)"
    if shutil.which("mpirun") is None:
        return "Open MPI rows: SKIP (no mpirun: install openmpi-bin)"
    probe = subprocess.run([str(engine), "run", "--strategy", "mpi_map", "--workers", "1",
                            "--tasks", "1", "--delay", "0"], capture_output=True, text=True,
                           timeout=120)
    if probe.returncode != 0:
        return f"Open MPI rows: SKIP ({probe.stderr.strip()})"
    figures = measure(engine, rounds, smoke)
    return (f"Open MPI against our pool (one sweep of {STRATEGIES} per case and round, medians of "
            f"{rounds} round(s)):\n" + table(figures, smoke))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", required=True, help="the parallel-lab binary (with its MPI module)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--smoke", action="store_true", help="one brief round; timings meaningless")
    a = ap.parse_args()
    if a.rounds < 1:
        ap.error("--rounds must be at least 1")
    try:
        print(rows(a.engine, 1 if a.smoke else a.rounds, a.smoke))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print(f"mpi_rows: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
