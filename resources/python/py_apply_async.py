# apply_async: one submission per task with explicit arguments, then get()
# on each result in turn.
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
    results = []
    with get_context(plab.start_method).Pool(plab.workers) as p:
        for x in xs:
            results.append(p.apply_async(slow_pow, (x, plab.exponent)))
        results = [r.get() for r in results]
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
