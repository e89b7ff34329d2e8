# pathos: its pool serializes with dill, which can send closures.
# Same program as the refused one, with a different import and class name.
import time
from pathos.multiprocessing import ProcessPool

def power_factory(y):
    def power(x):
        time.sleep({{delay_s}})
        return x ** y
    return power

if __name__ == "__main__":
    t0 = time.perf_counter()
    square = power_factory({{exponent}})
    with ProcessPool({{workers}}) as pool:
        results = pool.map(square, range({{tasks}}))
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
