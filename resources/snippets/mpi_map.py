# mpi4py's MPIPoolExecutor.map: rank 0 is the master and hands chunks of
# tasks to the worker ranks as they ask; messages instead of pipes. The
# results come back in input order, as with Pool.map.
import time
from mpi4py.futures import MPIPoolExecutor

# top level: pickled by its name, as with multiprocessing
def power(x):
    time.sleep({{delay_s}})
    return x ** {{exponent}}

if __name__ == "__main__":
    t0 = time.perf_counter()
    with MPIPoolExecutor(max_workers={{workers}}) as pool:
        # mpi4py's chunksize default is 1, not Pool.map's auto;
        # here it is the chunk size this experiment uses.
        results = list(pool.map(power, range({{tasks}}), chunksize={{chunksize_n}}))
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")

# Run it:  mpiexec -n 1 python3 mpi_map.py    (the executor spawns the workers)
#     or:  mpiexec -n {{ranks}} python3 -m mpi4py.futures mpi_map.py
#          (all ranks at once, rank 0 the master: as ParallelLab runs it)
# If a rank dies, Open MPI ends the whole job; Pool replaces a dead worker.
