# Pool.imap_unordered: results arrive as soon as each task ends,
# in whatever order that is. Sort them to print the usual list.
import time
from multiprocessing import Pool

def power_with_input(x):
    time.sleep({{delay_s}})
    return x, x ** {{exponent}}

if __name__ == "__main__":
    t0 = time.perf_counter()
    done = {}
    with Pool({{workers}}) as pool:
        for x, value in pool.imap_unordered(power_with_input, range({{tasks}})):
            # completion order: see the Results tab
            done[x] = value
    print([done[x] for x in sorted(done)])
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
