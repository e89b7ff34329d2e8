# mpi4py's MPIPoolExecutor.map moving data: each task's argument carries
# {{payload_text}} of bytes and its result brings them back, in MPI messages
# between rank 0 and the worker ranks (pickled, as Pool pickles through pipes).
import time
from mpi4py.futures import MPIPoolExecutor

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def power(arg):
    x, data = arg
    time.sleep({{delay_s}})
    return x ** {{exponent}}, data

if __name__ == "__main__":
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    with MPIPoolExecutor(max_workers={{workers}}) as pool:
        results = list(pool.map(power, args, chunksize={{chunksize_n}}))
    elapsed = time.perf_counter() - t0
    assert all(data == args[x][1] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])  # the powers, not megabytes of bytes
    print(f"Elapsed: {elapsed:.3f} s")

# Run it:  mpiexec -n {{ranks}} python3 -m mpi4py.futures mpi_map_payload.py
# If a rank dies, Open MPI ends the whole job; Pool replaces a dead worker.
