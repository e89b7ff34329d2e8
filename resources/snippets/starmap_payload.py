# Pool.starmap moving data: each tuple carries {{payload_text}} of bytes, and each result
# brings them back. Python pickles them both ways.
import time
from multiprocessing import Pool

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def slow_pow(x, data, y):
    time.sleep({{delay_s}})
    return x ** y, data

if __name__ == "__main__":
    triples = [(x, bytes([x % 256]) * PAYLOAD, {{exponent}}) for x in range({{tasks}})]
    t0 = time.perf_counter()
    with Pool({{workers}}) as pool:
        results = pool.starmap(slow_pow, triples, chunksize={{chunksize}})
    elapsed = time.perf_counter() - t0
    assert all(data == triples[x][1] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])
    print(f"Elapsed: {elapsed:.3f} s")
