# The static pattern moving data: rank 0 scatters the inputs with their
# {{payload_text}} of bytes each in equal blocks, every rank computes its block,
# rank 0 gathers the results and their bytes back.
import time
from mpi4py import MPI

PAYLOAD = {{payload_bytes}}  # bytes each way, per task

def power(arg):
    x, data = arg
    time.sleep({{delay_s}})
    return x ** {{exponent}}, data

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()  # {{ranks}}: rank 0 + {{workers}} workers
blocks = None
if rank == 0:
    args = [(x, bytes([x % 256]) * PAYLOAD) for x in range({{tasks}})]
    t0 = time.perf_counter()
    # rank 0 keeps an empty block; the first tasks % workers ranks get one more
    q, r = divmod(len(args), size - 1)
    blocks, at = [[]], 0
    for w in range(size - 1):
        n = q + (1 if w < r else 0)
        blocks.append(args[at:at + n])
        at += n
mine = comm.scatter(blocks, root=0)
done = [power(arg) for arg in mine]
gathered = comm.gather(done, root=0)
if rank == 0:
    results = [y for block in gathered for y in block]
    elapsed = time.perf_counter() - t0
    assert all(data == args[x][1] for x, (_, data) in enumerate(results))
    print([p for p, _ in results])  # the powers, not megabytes of bytes
    print(f"Elapsed: {elapsed:.3f} s")

# Run it:  mpiexec -n {{ranks}} python3 mpi_scatter_payload.py
# If a rank dies, Open MPI ends the whole job; Pool replaces a dead worker.
