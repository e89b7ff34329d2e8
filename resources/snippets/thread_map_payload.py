# ThreadPool.map with {{payload_text}} per task: threads share this process's memory, so the
# bytes are passed by reference, never pickled: moving data costs nothing here.
import time
from multiprocessing.pool import ThreadPool

PAYLOAD = {{payload_bytes}}  # bytes per task

def power(arg):
    x, data = arg
    time.sleep({{delay_s}})
    return x ** {{exponent}}, data

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    with ThreadPool({{workers}}) as pool:
        results = pool.map(power, args)
    elapsed = time.perf_counter() - t0
    print([p for p, _ in results])
    print(f"Elapsed: {elapsed:.3f} s")
