"""Keep NumPy's BLAS on one thread unless the user says otherwise. Standard library only."""
import os
from collections.abc import MutableMapping

# OpenBLAS's worker threads spin-wait for each other: on a busy machine with few cores the small
# matrix products of these networks then run 20x slower than on one thread (measured on 2 shared
# cores: 28 s against about 1 s per MNIST epoch of 784-100-10). In the app, one BLAS thread also
# leaves a core to the GUI thread while the network trains.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def use_one_blas_thread(environ: MutableMapping[str, str] = os.environ) -> None:
    """Default the BLAS thread variables to 1; they are read once, when NumPy loads."""
    for variable in THREAD_VARIABLES:
        environ.setdefault(variable, "1")
