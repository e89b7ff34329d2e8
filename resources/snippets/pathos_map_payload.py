# pathos moving data: dill pickles the closure and the {{payload_text}} of bytes each task
# sends and gets back.
import time
from pathos.multiprocessing import ProcessPool

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def power_factory(y):
    def f(arg):
        x, data = arg
        time.sleep({{delay_s}})
        return x ** y, data
    return f

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    power = power_factory({{exponent}})
    with ProcessPool({{workers}}) as pool:
        results = pool.map(power, args)
    elapsed = time.perf_counter() - t0
    assert all(data == args[x][1] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])
    print(f"Elapsed: {elapsed:.3f} s")
