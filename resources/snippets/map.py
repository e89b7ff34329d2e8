# Pool.map: the inputs are cut into chunks, the workers take chunks,
# and the results come back in input order.
import time
from multiprocessing import Pool

# top level: pickled by its name
def power(x):
    time.sleep({{delay_s}})
    return x ** {{exponent}}

if __name__ == "__main__":
    t0 = time.perf_counter()
    with Pool({{workers}}) as pool:
        results = pool.map(power, range({{tasks}}), chunksize={{chunksize}})
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
