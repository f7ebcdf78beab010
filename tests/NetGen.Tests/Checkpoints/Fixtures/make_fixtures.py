#!/usr/bin/python3
"""Writes the checkpoint test fixtures with real numpy (Debian: apt-get install -y python3-numpy).

Run from anywhere:  /usr/bin/python3 tests/NetGen.Tests/Checkpoints/Fixtures/make_fixtures.py
The tests (NumpyFixtureTests.cs) recompute the same values in C#; keep both in step.

The network: 3 inputs -> Dense(4, bias) -> Dense(2, no bias), so W1 (3, 4), b1 (4,), W2 (4, 2).
"""
import os
import numpy as np
from numpy.lib import format as npformat

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


# Exactly representable float32 values.
W1 = (np.arange(12, dtype=np.float32).reshape(3, 4) / np.float32(8) - np.float32(0.75)).astype(np.float32)
b1 = (np.arange(4, dtype=np.float32) * np.float32(0.5) - np.float32(1)).astype(np.float32)
W2 = (np.float32(1) - np.arange(8, dtype=np.float32).reshape(4, 2) / np.float32(4)).astype(np.float32)

# float64 values that are not floats, so the reader's rounding shows: W1[k] = (k+1)*0.1, b1[k] = (k+1)*-0.3,
# W2[k] = (k+1)*0.7/3, k the flat C-order index.
W1d = (np.arange(1, 13, dtype=np.float64) * 0.1).reshape(3, 4)
b1d = np.arange(1, 5, dtype=np.float64) * -0.3
W2d = (np.arange(1, 9, dtype=np.float64) * 0.7 / 3).reshape(4, 2)

np.savez(path("savez_float32.npz"), W1=W1, b1=b1, W2=W2)
np.savez(path("savez_float64.npz"), W1=W1d, b1=b1d, W2=W2d)
np.savez_compressed(path("savez_compressed.npz"), W1=W1, b1=b1, W2=W2)
np.savez(path("savez_fortran.npz"), W1=np.asfortranarray(W1), b1=b1, W2=W2)

np.save(path("save_w1.npy"), W1)
np.save(path("save_w1_fortran.npy"), np.asfortranarray(W1))
np.save(path("save_w1_bigendian.npy"), W1.astype(">f4"))
np.save(path("save_w1_int32.npy"), (W1 * 8).astype(np.int32))
with open(path("save_w1_v2.npy"), "wb") as f:
    npformat.write_array(f, W1, version=(2, 0))
with open(path("save_w1_v3.npy"), "wb") as f:
    npformat.write_array(f, W1, version=(3, 0))

print("numpy", np.__version__)
for name in sorted(os.listdir(here)):
    if name.endswith((".npy", ".npz")):
        print(f"{os.path.getsize(path(name)):6d}  {name}")
