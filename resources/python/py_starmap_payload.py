# starmap moving data: each task's arguments travel as a tuple (x, data, y), the bytes
# pickled with them; the result brings the bytes back, pickled again. That time is inside
# Elapsed.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

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
    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = p.starmap(slow_pow, zip(xs, sent, [plab.exponent] * len(xs)), plab.chunksize)
    for x, (_, data) in enumerate(results):
        plab.check_returned(x, data, sent[x])  # the bytes came back intact
    print([power for power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
