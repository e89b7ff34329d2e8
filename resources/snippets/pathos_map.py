# pathos: its pool serializes with dill, which can send closures.
# Same program as the refused one, with a different import and class name.
import time
from pathos.multiprocessing import ProcessPool

def power_factory(y):
    def f(x):
        time.sleep({{delay_s}})
        return x ** y
    return f

if __name__ == "__main__":
    t0 = time.perf_counter()
    power = power_factory({{exponent}})
    with ProcessPool({{workers}}) as pool:
        results = pool.map(power, range({{tasks}}))
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
