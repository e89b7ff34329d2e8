# Pool.apply_async moving data: every task is sent with {{payload_text}} of bytes and returns
# them. Python pickles them both ways.
import time
from multiprocessing import Pool

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def slow_pow(x, data, y):
    time.sleep({{delay_s}})
    return x ** y, data

if __name__ == "__main__":
    blobs = [bytes([x % 256]) * PAYLOAD for x in range({{tasks}})]
    t0 = time.perf_counter()
    with Pool({{workers}}) as pool:
        handles = [pool.apply_async(slow_pow, (x, blobs[x], {{exponent}}))
                   for x in range({{tasks}})]
        results = [h.get() for h in handles]
    elapsed = time.perf_counter() - t0
    assert all(data == blobs[x] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])
    print(f"Elapsed: {elapsed:.3f} s")
