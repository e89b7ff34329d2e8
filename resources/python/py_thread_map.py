# ThreadPool.map: threads of this one process, no pickling. Fine for waiting
# (sleep, I/O); for computing, CPython's GIL lets one thread run at a time.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing.pool import ThreadPool

import plab


@plab.task
def square(x):
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, plab.exponent)


if __name__ == '__main__':
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first
    xs = range(plab.tasks)

    with ThreadPool(plab.workers) as p:
        results = p.map(square, xs, plab.chunksize)
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
