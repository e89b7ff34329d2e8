# The classic static pattern: rank 0 scatters the inputs in equal blocks,
# every rank computes its own block, rank 0 gathers the results. Nobody asks
# for more work: a rank with the longest tasks keeps the others waiting.
import time
from mpi4py import MPI

def power(x):
    time.sleep({{delay_s}})
    return x ** {{exponent}}

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()  # {{ranks}}: rank 0 + {{workers}} workers
blocks = None
if rank == 0:
    t0 = time.perf_counter()
    xs = list(range({{tasks}}))
    # rank 0 keeps an empty block; the first tasks % workers ranks get one more
    q, r = divmod(len(xs), size - 1)
    blocks, at = [[]], 0
    for w in range(size - 1):
        n = q + (1 if w < r else 0)
        blocks.append(xs[at:at + n])
        at += n
mine = comm.scatter(blocks, root=0)
done = [power(x) for x in mine]
gathered = comm.gather(done, root=0)
if rank == 0:
    results = [y for block in gathered for y in block]
    print(results)
    print(f"Elapsed: {time.perf_counter() - t0:.3f} s")

# Run it:  mpiexec -n {{ranks}} python3 mpi_scatter.py
# If a rank dies, Open MPI ends the whole job; Pool replaces a dead worker.
