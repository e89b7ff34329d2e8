# imap_unordered: results come back in the order the tasks finish, not the
# order they were given.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

import plab


@plab.task
def square(x):
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, plab.exponent)


if __name__ == '__main__':
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first
    xs = range(plab.tasks)

    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = list(p.imap_unordered(square, xs, plab.chunksize))
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
