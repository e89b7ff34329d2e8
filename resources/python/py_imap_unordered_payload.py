# imap_unordered moving data: results come back in the order the tasks finish, so each
# brings its x with its bytes. Python pickles the bytes both ways: that time is inside Elapsed.
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocessing import get_context

import plab


@plab.task
def slow_pow(arg):
    x, data = arg
    plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
    return x, pow(x, plab.exponent), data


if __name__ == '__main__':
    sent = [plab.payload(x) for x in range(plab.tasks)]  # made before the clock starts
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first
    args = [(x, sent[x]) for x in range(plab.tasks)]

    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = list(p.imap_unordered(slow_pow, args, plab.chunksize))
    for x, _, data in results:
        plab.check_returned(x, data, sent[x])  # the bytes came back intact
    print([power for _, power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
