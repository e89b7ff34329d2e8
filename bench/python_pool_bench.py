#!/usr/bin/env python3
"""Python's side of issue 4's pool benchmarks: the same cases as plab_pool_bench, measured with
multiprocessing (fork start method), printed as one JSON object on stdout.

Each case reports the same figure, named the same way, as its C++ twin (see bench/*_bench.cpp):
latency-like figures are the median of the case's repetitions, per-task figures the median of
(time of one whole batch / tasks). Tiny tasks run on Pool() (as many workers as cores), on a warm
pool, timed from the call to the last result.

Case 8 runs the article's closure power_factory(2) with pathos' ProcessPool when pathos is
installed, else with multiprocess.Pool (the dill-based fork of multiprocessing that pathos
wraps; Debian: python3-multiprocess), else with multiprocessing.Pool.starmap and explicit
arguments. The "backend" field says which.

Usage: python_pool_bench.py [--smoke] [--cases case1,case2,...]
"""

import argparse
import json
import multiprocessing
import os
import platform
import signal
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat

DELAY = 0.020  # the article's delay is 1 s; the overhead above 2 x DELAY does not depend on it
CTX = multiprocessing.get_context("fork")
CORES = os.cpu_count() or 1


# --- the tasks: top-level functions, as multiprocessing needs ---------------------------------

def square(x):
    return x * x


def sleep_square(x):
    time.sleep(DELAY)
    return x * x


def kill_self(x):
    os.kill(os.getpid(), signal.SIGKILL)
    return x


def slow_pow(x, y, delay):
    if delay:
        time.sleep(delay)
    return x ** y


def power_factory(y, delay):
    """The article's closure: made at run time, so plain pickle cannot send it."""
    def f(x):
        if delay:
            time.sleep(delay)
        return x ** y
    return f


# --- helpers ------------------------------------------------------------------------------------

def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median_of(reps, fn, warmup=True):
    """Median seconds of fn() over reps runs, after one untimed warm-up run."""
    if warmup:
        fn()
    return statistics.median(timed(fn) for _ in range(reps))


def closure_backend():
    """(name, Pool factory or None): the closure-capable pool this interpreter has."""
    try:
        from pathos.pools import ProcessPool as PathosPool  # noqa: PLC0415

        def make(n):
            return PathosPool(nodes=n)
        return "pathos", make
    except ImportError:
        pass
    try:
        import multiprocess  # noqa: PLC0415
        mctx = multiprocess.get_context("fork")
        return "multiprocess " + multiprocess.__version__, mctx.Pool
    except ImportError:
        return "multiprocessing-explicit-args", None


def closure_map(backend, n, f, xs):
    """Start a closure-capable pool of n workers, map f over xs, tear it down."""
    name, make = backend
    if name == "pathos":
        pool = make(n)
        try:
            return pool.map(f, xs)
        finally:
            pool.close()
            pool.join()
            pool.clear()
    with make(n) as p:
        return p.map(f, xs)


# --- the cases ----------------------------------------------------------------------------------

def case1_article(reps):
    def run():
        with CTX.Pool(5) as p:
            assert p.map(sleep_square, range(10))[9] == 81
    return {"overhead_ms": (median_of(reps, run) - 2 * DELAY) * 1e3}


def case2_apply_rtt(calls):
    with CTX.Pool() as p:
        p.apply(square, (1,))
        samples = []
        for i in range(calls):
            t0 = time.perf_counter()
            p.apply(square, (i,))
            samples.append(time.perf_counter() - t0)
    return {"us": statistics.median(samples) * 1e6}


def case3_apply_async_20k(reps, tasks=20_000):
    with CTX.Pool() as p:
        def run():
            rs = [p.apply_async(square, (i,)) for i in range(tasks)]
            for r in rs:
                r.get()
        return {"us_per_task": median_of(reps, run) / tasks * 1e6}


def map_case(reps, tasks, chunksize):
    with CTX.Pool() as p:
        p.map(square, range(64))

        def run():
            assert len(p.map(square, range(tasks), chunksize)) == tasks
        return {"us_per_task": median_of(reps, run, warmup=False) / tasks * 1e6}


def case6_pool8(reps):
    def run():
        with CTX.Pool(8):
            pass
    return {"ms": median_of(reps, run) * 1e3}


def case7_kill_recover(timeout_s, reps):
    out = {}
    # multiprocessing.Pool: the dead worker is replaced, but its task never settles.
    with CTX.Pool(1) as p:
        p.apply(square, (1,))
        r = p.apply_async(kill_self, (0,))
        try:
            r.get(timeout=timeout_s)
            out["pool_hangs"] = 0
        except multiprocessing.TimeoutError:
            out["pool_hangs"] = 1
        except Exception:  # noqa: BLE001 -- a delivered error would be the good outcome
            out["pool_hangs"] = 0
        try:
            out["pool_serving"] = int(p.apply_async(square, (7,)).get(timeout=timeout_s) == 49)
        except Exception:  # noqa: BLE001
            out["pool_serving"] = 0
    # ProcessPoolExecutor: the error arrives, and the whole pool is broken from then on.
    err_ms = []
    serving = 1
    for _ in range(reps):
        with ProcessPoolExecutor(1, mp_context=CTX) as ex:
            ex.submit(square, 1).result()
            t0 = time.perf_counter()
            try:
                ex.submit(kill_self, 0).result()
            except BrokenProcessPool:
                pass
            err_ms.append((time.perf_counter() - t0) * 1e3)
            try:
                serving &= int(ex.submit(square, 7).result(timeout=timeout_s) == 49)
            except Exception:  # noqa: BLE001 -- BrokenProcessPool, as expected
                serving = 0
    out["ppe_error_ms"] = statistics.median(err_ms)
    out["ppe_serving"] = serving
    return out


def case8a_closure_article(reps, backend):
    if backend[1] is None:
        def run():
            with CTX.Pool(5) as p:
                p.starmap(slow_pow, zip(range(10), repeat(2), repeat(DELAY)))
    else:
        def run():
            assert closure_map(backend, 5, power_factory(2, DELAY), range(10))[9] == 81
    return {"overhead_ms": (median_of(reps, run) - 2 * DELAY) * 1e3}


def case8b_closure_map_100k(reps, backend, tasks=100_000):
    if backend[1] is None:
        def run():
            with CTX.Pool() as p:
                p.starmap(slow_pow, zip(range(tasks), repeat(2), repeat(0)))
    else:
        def run():
            assert len(closure_map(backend, CORES, power_factory(2, 0), range(tasks))) == tasks
    return {"us_per_task": median_of(reps, run) / tasks * 1e6}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="one quick pass, to see that it runs")
    ap.add_argument("--cases", default="", help="comma-separated case prefixes (default: all)")
    args = ap.parse_args()
    s = args.smoke
    backend = closure_backend()
    n5 = 1 if s else 5
    cases = {
        "case1_article": lambda: case1_article(2 if s else 7),
        "case2_apply_rtt": lambda: case2_apply_rtt(50 if s else 2000),
        "case3_apply_async_20k": lambda: case3_apply_async_20k(1 if s else 3),
        "case4_map_100k_chunk1": lambda: map_case(1 if s else 3, 100_000, 1),
        "case5_map_1m_auto": lambda: map_case(1 if s else 3, 1_000_000, None),
        "case6_pool8": lambda: case6_pool8(3 if s else 10),
        "case7_kill_recover": lambda: case7_kill_recover(0.2 if s else 1.0, n5),
        "case8a_closure_article": lambda: case8a_closure_article(2 if s else 7, backend),
        "case8b_closure_map_100k": lambda: case8b_closure_map_100k(1 if s else 3, backend),
    }
    wanted = [c for c in args.cases.split(",") if c]
    results = {}
    for name, run in cases.items():
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        results[name] = run()
    print(json.dumps({
        "python": platform.python_version(),
        "executable": sys.executable,
        "start_method": "fork",
        "workers": CORES,
        "closure_backend": backend[0],
        "delay_s": DELAY,
        "cases": results,
    }))


if __name__ == "__main__":
    main()
