#!/usr/bin/env python3
"""Python's side of plab_payload_bench (issue 11, item 3): per-task cost of sending bytes to a
worker and getting them back, one apply_async at a time on Pool(1) (fork), for 1 KiB, 1 MiB and
16 MiB. The bytes are pickled both ways, as multiprocessing always does. Prints one JSON object
per line: {"bytes": N, "py_us": median per task over the rounds}.

Usage: python_payload_bench.py [ROUNDS]   (default 7)
"""

import json
import multiprocessing
import statistics
import sys
import time

CTX = multiprocessing.get_context("fork")


def slow_pow_payload(x, data, y):
    return x ** y, data


def per_task_us(pool, n, tasks):
    blobs = [bytes([i % 256]) * n for i in range(tasks + 1)]
    pool.apply_async(slow_pow_payload, (tasks, blobs[tasks], 2)).get()  # warm-up
    t0 = time.perf_counter()
    for i in range(tasks):
        p, data = pool.apply_async(slow_pow_payload, (i, blobs[i], 2)).get()
        if len(data) != n or data[:1] != blobs[i][:1]:
            sys.exit("payload came back wrong")
    return (time.perf_counter() - t0) * 1e6 / tasks


def main():
    rounds = max(1, int(sys.argv[1])) if len(sys.argv) > 1 else 7
    with CTX.Pool(1) as pool:
        for n in (1 << 10, 1 << 20, 16 << 20):
            tasks = 2000 if n <= 1024 else 200 if n <= (1 << 20) else 20
            us = [per_task_us(pool, n, tasks) for _ in range(rounds)]
            print(json.dumps({"bytes": n, "py_us": round(statistics.median(us), 1)}), flush=True)


if __name__ == "__main__":
    main()
