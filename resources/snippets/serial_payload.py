# Serial with {{payload_text}} per task: one process, nothing sent anywhere; the bytes are
# passed by reference. The baseline a pool's pickling is measured against.
import time

PAYLOAD = {{payload_bytes}}  # bytes per task

def slow_pow(arg, y={{exponent}}):
    x, data = arg
    time.sleep({{delay_s}})
    return x ** y, data

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    results = [slow_pow(arg) for arg in args]
    elapsed = time.perf_counter() - t0
    print([p for p, _ in results])
    print(f"Elapsed: {elapsed:.3f} s")
