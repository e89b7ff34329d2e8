# pathos' engine moving data: multiprocess pickles with dill, the closure and the bytes
# alike, both ways, through the pool's pipes: that time is inside Elapsed.
# (Debian: python3-multiprocess.)
# (plab: the lab's settings and task reporting, kept apart from the lesson.)
import time
from multiprocess import get_context

import plab


def power_factory(y):
    @plab.task
    def f(arg):
        x, data = arg
        plab.work(x)  # time.sleep(delay), as the article's time.sleep(1)
        return pow(x, y), data
    return f


if __name__ == '__main__':
    sent = [plab.payload(x) for x in range(plab.tasks)]  # made before the clock starts
    started_at = time.time()
    plab.serial_part()  # --serial-fraction: the parent's part alone, first

    square = power_factory(plab.exponent)
    args = [(x, sent[x]) for x in range(plab.tasks)]
    with get_context(plab.start_method).Pool(plab.workers) as p:
        results = p.map(square, args, plab.chunksize)
    for x, (_, data) in enumerate(results):
        plab.check_returned(x, data, sent[x])  # the bytes came back intact
    print([power for power, _ in results])

    finished_at = time.time()
    print(f"Elapsed: {(finished_at - started_at):f}")
