#!/usr/bin/env python3
"""Times NetGen, numpy and PyTorch on the same six workloads, interleaved round by round.

The machine's speed drifts by 30-55% from minute to minute, so every round runs every contender once
on every workload, in rotating order, and the table reports the median time of each contender and the
median of the per-round ratios NetGen / peer (a ratio below 1 means NetGen is faster).

NetGen runs in a child process (`NetGen.Benchmarks --serve`) that answers one timing request per line;
numpy and PyTorch run here. Every contender does the same work: the course's nn_epoch (rows in order,
batch 100, in-place SGD, lr 0.2), written the way the course writes it (X @ W matmuls, in-place updates),
plus idiomatic PyTorch (nn.Linear, autograd, optim.SGD).
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

try:
    import torch
except ImportError:  # the table says so instead of failing
    torch = None

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:
    threadpool_info = None
    threadpool_limits = None

LR = 0.2
BATCH = 100


# ----------------------------------------------------------------------------------------------- data
def read_idx(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    if magic == 2051:
        n, r, c = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
        return np.frombuffer(data, np.uint8, n * r * c, 16).reshape(n, r * c).astype(np.float32) / 255.0
    n = int.from_bytes(data[4:8], "big")
    return np.frombuffer(data, np.uint8, n, 8).copy()


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        p = os.path.join(folder, name)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(os.path.join(folder, stem))


def load_data(folder, kind):
    if kind == "mnist":
        X = read_idx(find(folder, "train-images-idx3-ubyte"))
        y = read_idx(find(folder, "train-labels-idx1-ubyte")).astype(np.int64)
        return np.ascontiguousarray(X), y
    # Dense: uniform [0, 1) pixels, no zeros to skip; labels uniform over 10 classes.
    rng = np.random.default_rng(7)
    return rng.random((60000, 784), dtype=np.float32), rng.integers(0, 10, 60000).astype(np.int64)


# ---------------------------------------------------------------------------------------- contenders
def init(shape_in, shape_out, zero=False, seed=0):
    if zero:
        return np.zeros((shape_in, shape_out), np.float32)
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((shape_in, shape_out)) / np.sqrt(shape_out)).astype(np.float32)


def numpy_epoch(X, y, Ws):
    """The course's nn_epoch (and softmax_regression_epoch for one layer), in place."""
    n = X.shape[0]
    for i in range(0, n, BATCH):
        Xb, yb = X[i:i + BATCH], y[i:i + BATCH]
        m = Xb.shape[0]
        if len(Ws) == 1:
            (W,) = Ws
            Z = Xb @ W
            E = np.exp(Z - Z.max(axis=1, keepdims=True))
            G = E / E.sum(axis=1, keepdims=True)
            G[np.arange(m), yb] -= 1
            W -= LR / m * (Xb.T @ G)
            continue
        W1, W2 = Ws
        Z1 = np.maximum(Xb @ W1, 0)
        Z2 = Z1 @ W2
        E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        G2 = E / E.sum(axis=1, keepdims=True)
        G2[np.arange(m), yb] -= 1
        G1 = (Z1 > 0) * (G2 @ W2.T)
        W1 -= LR / m * (Xb.T @ G1)
        W2 -= LR / m * (Z1.T @ G2)


def torch_manual_epoch(X, y, Ws):
    """The same epoch with torch tensors and hand-written backprop."""
    n = X.shape[0]
    with torch.no_grad():
        for i in range(0, n, BATCH):
            Xb, yb = X[i:i + BATCH], y[i:i + BATCH]
            m = Xb.shape[0]
            if len(Ws) == 1:
                (W,) = Ws
                G = torch.softmax(Xb @ W, dim=1)
                G[torch.arange(m), yb] -= 1
                W.sub_(Xb.T @ G, alpha=LR / m)
                continue
            W1, W2 = Ws
            Z1 = torch.relu(Xb @ W1)
            G2 = torch.softmax(Z1 @ W2, dim=1)
            G2[torch.arange(m), yb] -= 1
            G1 = (Z1 > 0) * (G2 @ W2.T)
            W1.sub_(Xb.T @ G1, alpha=LR / m)
            W2.sub_(Z1.T @ G2, alpha=LR / m)


def torch_module(widths):
    layers = []
    for a, b in zip(widths, widths[1:]):
        layers += [torch.nn.Linear(a, b, bias=False), torch.nn.ReLU()]
    return torch.nn.Sequential(*layers[:-1])


def torch_idiomatic_epoch(X, y, model, optimizer, loss_fn):
    """What a PyTorch user writes: nn.Linear, autograd, optim.SGD."""
    n = X.shape[0]
    for i in range(0, n, BATCH):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(X[i:i + BATCH]), y[i:i + BATCH])
        loss.backward()
        optimizer.step()


# ------------------------------------------------------------------------------------------- NetGen
class NetGen:
    def __init__(self, command, data_dir, threads):
        env = dict(os.environ)
        self.proc = subprocess.Popen(command + ["--serve", "--data", data_dir, "--threads", str(threads)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        hello = self.proc.stdout.readline().strip()
        if not hello.startswith("ready"):
            raise RuntimeError("NetGen runner did not start: " + hello)
        self.description = hello[len("ready"):].strip()

    def time(self, request):
        self.proc.stdin.write(request + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().split()
        if not answer or answer[0] != "ok":
            raise RuntimeError(f"NetGen runner failed on '{request}': {' '.join(answer)}")
        return float(answer[1])

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


# ---------------------------------------------------------------------------------------- workloads
def timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def build_workloads(args, datasets, netgen, threads):
    """Each workload: a name and {contender: callable returning seconds}."""
    workloads = []
    for kind, (X, y) in datasets.items():
        tX = torch.from_numpy(X) if torch else None
        ty = torch.from_numpy(y) if torch else None
        for name, widths in (("784-100-10", (784, 100, 10)), ("784-400-10", (784, 400, 10)), ("784-10", (784, 10))):
            if name != "784-100-10" and kind != "mnist" and not args.all_dense:
                continue
            zero = len(widths) == 2
            Ws = [init(a, b, zero, seed=i) for i, (a, b) in enumerate(zip(widths, widths[1:]))]
            contenders = {"numpy": lambda Ws=Ws: timed(lambda: numpy_epoch(X, y, Ws))}
            if torch:
                tWs = [torch.from_numpy(W.copy()) for W in Ws]
                contenders["torch"] = lambda tWs=tWs: timed(lambda: torch_manual_epoch(tX, ty, tWs))
                model = torch_module(widths)
                opt = torch.optim.SGD(model.parameters(), lr=LR)
                loss_fn = torch.nn.CrossEntropyLoss()
                contenders["torch-nn"] = lambda m=model, o=opt: timed(lambda: torch_idiomatic_epoch(tX, ty, m, o, loss_fn))
            contenders["netgen"] = lambda name=name, kind=kind: netgen.time(f"epoch {name} {kind}")
            workloads.append((f"epoch {name}, {kind}", contenders))

    # One SGD step of a 4-16-3 ReLU network with biases, batch 1 (timed over many steps).
    steps = args.steps
    rng = np.random.default_rng(3)
    x1 = rng.random((1, 4), dtype=np.float32)
    y1 = np.array([1])
    W1, b1, W2, b2 = init(4, 16), np.zeros(16, np.float32), init(16, 3), np.zeros(3, np.float32)

    def numpy_steps():
        for _ in range(steps):
            z1 = x1 @ W1 + b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ W2 + b2
            e = np.exp(z2 - z2.max(axis=1, keepdims=True))
            g2 = e / e.sum(axis=1, keepdims=True)
            g2[0, y1] -= 1
            g1 = (z1 > 0) * (g2 @ W2.T)
            W2[...] -= LR * (a1.T @ g2)
            b2[...] -= LR * g2.sum(axis=0)
            W1[...] -= LR * (x1.T @ g1)
            b1[...] -= LR * g1.sum(axis=0)

    tiny = {"numpy": lambda: timed(numpy_steps) / steps}
    if torch:
        tx1, ty1 = torch.from_numpy(x1), torch.from_numpy(y1)
        tiny_model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 3))
        tiny_opt = torch.optim.SGD(tiny_model.parameters(), lr=LR)
        tiny_loss = torch.nn.CrossEntropyLoss()

        def torch_steps():
            for _ in range(steps):
                tiny_opt.zero_grad(set_to_none=True)
                tiny_loss(tiny_model(tx1), ty1).backward()
                tiny_opt.step()

        tiny["torch-nn"] = lambda: timed(torch_steps) / steps
    tiny["netgen"] = lambda: netgen.time(f"step 4-16-3 {steps}")
    workloads.append(("SGD step 4-16-3, batch 1", tiny))

    # Inference, 784-100-10: one sample per call, and 10,000 samples in one call.
    X, _ = datasets["mnist"] if "mnist" in datasets else next(iter(datasets.values()))
    Wa, Wb = init(784, 100), init(100, 10)
    one = X[:1]
    calls = args.calls
    single = {"numpy": lambda: timed(lambda: [np.maximum(one @ Wa, 0) @ Wb for _ in range(calls)]) / calls}
    many = {"numpy": lambda: timed(lambda: np.maximum(X[:10000] @ Wa, 0) @ Wb)}
    if torch:
        model = torch_module((784, 100, 10)).eval()
        t_one, t_many = torch.from_numpy(one), torch.from_numpy(np.ascontiguousarray(X[:10000]))

        def torch_single():
            with torch.inference_mode():
                for _ in range(calls):
                    model(t_one)

        def torch_many():
            with torch.inference_mode():
                model(t_many)

        single["torch-nn"] = lambda: timed(torch_single) / calls
        many["torch-nn"] = lambda: timed(torch_many)
    single["netgen"] = lambda: netgen.time(f"infer1 784-100-10 {calls}")
    many["netgen"] = lambda: netgen.time("infer 784-100-10 10000")
    workloads.append(("inference 784-100-10, 1 sample", single))
    workloads.append(("inference 784-100-10, 10,000 samples", many))
    return workloads


def fmt_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} us"
    return f"{seconds * 1e9:.0f} ns"


def run(args, threads, datasets):
    if torch:
        torch.set_num_threads(threads)
    limits = threadpool_limits(limits=threads) if threadpool_limits else None
    netgen = NetGen(args.netgen.split(), args.data, threads)
    try:
        workloads = build_workloads(args, datasets, netgen, threads)
        times = {w: {c: [] for c in cs} for w, cs in workloads}
        for round_index in range(args.rounds + 1):  # round 0 warms up and is discarded
            for w, contenders in workloads:
                names = list(contenders)
                shift = round_index % len(names)
                for c in names[shift:] + names[:shift]:
                    t = contenders[c]()
                    if round_index > 0:
                        times[w][c].append(t)
            print(f"  round {round_index}/{args.rounds} done", file=sys.stderr, flush=True)
        return netgen.description, workloads, times
    finally:
        netgen.close()
        if limits:
            limits.restore_original_limits()


def table(threads, description, workloads, times):
    peers = [c for c in ("numpy", "torch", "torch-nn") if any(c in cs for _, cs in workloads)]
    head = "| workload | NetGen | " + " | ".join(peers) + " | " + " | ".join(f"NetGen / {p}" for p in peers) + " |"
    lines = [f"### {threads} thread{'s' if threads > 1 else ''}", "", head, "|" + " --- |" * (2 + 2 * len(peers))]
    for w, contenders in workloads:
        row = [w, fmt_time(statistics.median(times[w]["netgen"]))]
        for p in peers:
            row.append(fmt_time(statistics.median(times[w][p])) if p in contenders else "-")
        for p in peers:
            if p in contenders:
                ratios = [a / b for a, b in zip(times[w]["netgen"], times[w][p])]
                row.append(f"{statistics.median(ratios):.3f} ({1 / statistics.median(ratios):.1f}x)")
            else:
                row.append("-")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--netgen", required=True, help="command that starts the NetGen runner")
    parser.add_argument("--data", required=True, help="folder with the MNIST IDX files")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--steps", type=int, default=20000, help="SGD steps per timing of the tiny network")
    parser.add_argument("--calls", type=int, default=2000, help="single-sample inferences per timing")
    parser.add_argument("--all-dense", action="store_true", help="also run 784-400-10 and 784-10 on dense data")
    parser.add_argument("--json", help="also write the raw times here")
    args = parser.parse_args()

    datasets = {"mnist": load_data(args.data, "mnist"), "dense": load_data(args.data, "dense")}
    blas = ""
    if threadpool_info:
        info = [f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')})" for i in threadpool_info()]
        blas = ", ".join(sorted(set(info)))
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    print(f"Machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy {np.__version__}, "
          f"torch {torch.__version__ if torch else 'absent'}; BLAS: {blas or 'unknown'}")
    raw = {}
    for threads in (int(t) for t in args.threads.split(",")):
        description, workloads, times = run(args, threads, datasets)
        print(f"NetGen runner: {description}")
        print()
        print(table(threads, description, workloads, times))
        print()
        raw[threads] = times
    if args.json:
        with open(args.json, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
