# Pool.starmap: each input is a tuple of arguments, unpacked into the call.
# No closure needed: the exponent travels with every task.
import time
from multiprocessing import Pool

def slow_pow(x, y):
    time.sleep({{delay_s}})
    return x ** y

if __name__ == "__main__":
    t0 = time.perf_counter()
    pairs = [(x, {{exponent}}) for x in range({{tasks}})]
    with Pool({{workers}}) as pool:
        results = pool.starmap(slow_pow, pairs, chunksize={{chunksize}})
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
