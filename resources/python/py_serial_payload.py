# Not parallel, moving data: the bytes stay in this one process; nothing is pickled.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time

import plab


@plab.task
def slow_pow(x, data, y):
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, y), data


if __name__ == '__main__':
    sent = [plab.payload(x) for x in range(plab.tasks)]  # made before the clock starts
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first

    xs = range(plab.tasks)
    results = [slow_pow(x, sent[x], plab.exponent) for x in xs]
    for x, (_, data) in enumerate(results):
        plab.check_returned(x, data, sent[x])  # the very same bytes
    print([power for power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
