# starmap: each task's arguments travel as a tuple (x, y), so no function
# has to be made at run time.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

import plab


@plab.task
def slow_pow(x, y):
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, y)


if __name__ == '__main__':
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first

    xs = range(plab.tasks)
    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = p.starmap(slow_pow, zip(xs, [plab.exponent] * len(xs)), plab.chunksize)
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
