# The article's refused program: power_factory(y) makes a function at run
# time, and pickle can only send functions defined at the top level of a
# module. Pool.map raises AttributeError: Can't pickle local object ...
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

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
