# Not parallel: the article's list comprehension, one task after another.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time

import plab


@plab.task
def slow_pow(x, y):
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, y)


if __name__ == '__main__':
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first

    xs = range(plab.tasks)
    results = [slow_pow(x, plab.exponent) for x in xs]
    print(results)

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
