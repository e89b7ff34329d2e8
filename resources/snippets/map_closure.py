# The standard Pool given a function made at run time: it cannot be pickled,
# so the pool refuses it before any task runs.
import time
from multiprocessing import Pool

def power_factory(y):
    # a local function: no top-level name
    def f(x):
        time.sleep({{delay_s}})
        return x ** y
    return f

if __name__ == "__main__":
    power = power_factory({{exponent}})
    with Pool({{workers}}) as pool:
        results = pool.map(power, range({{tasks}}))
    # AttributeError: Can't pickle local object 'power_factory.<locals>.f'
