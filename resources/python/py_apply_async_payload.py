# apply_async moving data: every task is sent with plab.payload_bytes of bytes and returns
# them. Python pickles them both ways, through the pool's pipes: that time is inside Elapsed.
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
    results = []
    with get_context(plab.start_method).Pool(plab.workers) as p:
        for x in xs:
            results.append(p.apply_async(slow_pow, (x, sent[x], plab.exponent)))
        results = [r.get() for r in results]
    for x, (_, data) in enumerate(results):
        plab.check_returned(x, data, sent[x])  # the bytes came back intact
    print([power for power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
