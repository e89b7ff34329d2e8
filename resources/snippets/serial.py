# Serial: one task after the other, in this one process.
import time

def slow_pow(x, y={{exponent}}):
    # stands for real work
    time.sleep({{delay_s}})
    return x ** y

if __name__ == "__main__":
    t0 = time.perf_counter()
    results = [slow_pow(x) for x in range({{tasks}})]
    print(results)
    # about tasks x delay
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")
