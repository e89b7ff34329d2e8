# Pool.map moving data: each task's argument carries plab.payload_bytes of bytes and its
# result brings them back. Python pickles them both ways, through the pool's pipes: that time
# is inside Elapsed. Python's guideline: "better to inherit than pickle/unpickle".
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

import plab


@plab.task
def slow_pow(arg):
    x, data = arg
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return pow(x, plab.exponent), data


if __name__ == '__main__':
    sent = [plab.payload(x) for x in range(plab.tasks)]  # made before the clock starts
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first
    args = [(x, sent[x]) for x in range(plab.tasks)]

    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = p.map(slow_pow, args, plab.chunksize)
    for x, (_, data) in enumerate(results):
        plab.check_returned(x, data, sent[x])  # the bytes came back intact
    print([power for power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
