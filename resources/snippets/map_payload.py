# Pool.map moving data: each task's argument carries {{payload_text}} of bytes and its result
# brings them back. Python pickles them both ways; its guideline: "better to inherit than
# pickle/unpickle".
import time
from multiprocessing import Pool

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def power(arg):
    x, data = arg
    time.sleep({{delay_s}})
    return x ** {{exponent}}, data

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    with Pool({{workers}}) as pool:
        results = pool.map(power, args, chunksize={{chunksize}})
    elapsed = time.perf_counter() - t0
    assert all(data == args[x][1] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])  # the powers, not megabytes of bytes
    print(f"Elapsed: {elapsed:.3f} s")
