# The same program with pathos' engine: multiprocess, the fork of
# multiprocessing that pathos' ProcessPool wraps, pickles with dill, which
# sends the closure itself. (Debian: python3-multiprocess.)
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocess import get_context

import plab


def power_factory(y):
    @plab.task
    def f(x):
        plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
        return pow(x, y)
    return f


if __name__ == '__main__':
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first

    square = power_factory(plab.exponent)
    xs = range(plab.tasks)
    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = p.map(square, xs, plab.chunksize)
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
