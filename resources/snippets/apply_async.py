# Pool.apply_async: submit every task on its own, keep the handles,
# then collect them in order with get().
import time
from multiprocessing import Pool

def slow_pow(x, y):
    time.sleep({{delay_s}})
    return x ** y

if __name__ == "__main__":
    t0 = time.perf_counter()
    with Pool({{workers}}) as pool:
        handles = [pool.apply_async(slow_pow, (x, {{exponent}})) for x in range({{tasks}})]
        results = [h.get() for h in handles]
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
