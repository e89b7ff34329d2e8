# Pool.imap_unordered moving data: {{payload_text}} of bytes out with each task and back with
# its result, in completion order. Python pickles them both ways.
import time
from multiprocessing import Pool

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def power_with_input(arg):
    x, data = arg
    time.sleep({{delay_s}})
    return x, x ** {{exponent}}, data

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    done = {}
    with Pool({{workers}}) as pool:
        for x, value, data in pool.imap_unordered(power_with_input, args):
            assert data == args[x][1]
            done[x] = value
    elapsed = time.perf_counter() - t0
    print([done[x] for x in sorted(done)])
    print(f"Elapsed: {elapsed:.3f} s")
