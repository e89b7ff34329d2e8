# ThreadPool.map: threads of this one process instead of worker processes.
# Fine for waiting (sleep, I/O); in CPython the GIL lets only one thread
# compute at a time. (ParallelLab's C++ threads have no such lock.)
import time
from multiprocessing.pool import ThreadPool

def power(x):
    time.sleep({{delay_s}})
    return x ** {{exponent}}

if __name__ == "__main__":
    t0 = time.perf_counter()
    with ThreadPool({{workers}}) as pool:
        results = pool.map(power, range({{tasks}}))
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
