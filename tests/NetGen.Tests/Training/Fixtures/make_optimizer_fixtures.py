#!/usr/bin/env python3
"""Writes optimizers.json: torch.optim trajectories and torch.optim.lr_scheduler rates that NetGen's reference
optimizers and schedules are checked against (tests/NetGen.Tests/Training/TorchOptimizerFixtureTests.cs).

Run with Debian's python3-torch (1.13), which is not needed at test time:
    apt-get install -y python3-torch
    /usr/bin/python3 tests/NetGen.Tests/Training/Fixtures/make_optimizer_fixtures.py

The network is 3 inputs -> Dense(4, Tanh) -> Dense(3), softmax cross-entropy averaged over the rows (torch's
F.cross_entropy default, which is NetGen's Loss.SoftmaxCrossEntropy with Reduction.Mean), in float64, on one fixed
batch of 5 rows; the parameters are laid out as NetGen's Parameters: W1 [3 x 4] row-major (X @ W), b1, W2 [4 x 3], b2.
Each optimizer takes 10 steps from the same start; the file holds the parameters after every step.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
generator = torch.Generator().manual_seed(15)
INPUTS, HIDDEN, CLASSES, ROWS, STEPS = 3, 4, 3, 5, 10

x = torch.randn(ROWS, INPUTS, generator=generator)
y = torch.tensor([0, 2, 1, 2, 0])
start = [
    torch.randn(INPUTS, HIDDEN, generator=generator) * 0.8,
    torch.randn(HIDDEN, generator=generator) * 0.1,
    torch.randn(HIDDEN, CLASSES, generator=generator) * 0.8,
    torch.randn(CLASSES, generator=generator) * 0.1,
]


def flat(tensors):
    return [float(v) for t in tensors for v in t.reshape(-1).tolist()]


def loss_of(params):
    w1, b1, w2, b2 = params
    return torch.nn.functional.cross_entropy(torch.tanh(x @ w1 + b1) @ w2 + b2, y)


OPTIMIZERS = [
    ("sgd", lambda p: torch.optim.SGD(p, lr=0.5), {"kind": "sgd", "lr": 0.5}),
    ("sgd_weight_decay", lambda p: torch.optim.SGD(p, lr=0.5, weight_decay=0.1), {"kind": "sgd", "lr": 0.5, "weight_decay": 0.1}),
    ("momentum", lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.9), {"kind": "sgd", "lr": 0.2, "momentum": 0.9}),
    ("momentum_dampening", lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.8, dampening=0.3, weight_decay=0.05),
     {"kind": "sgd", "lr": 0.2, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.05}),
    ("nesterov", lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.9, nesterov=True), {"kind": "sgd", "lr": 0.2, "momentum": 0.9, "nesterov": True}),
    ("nesterov_weight_decay", lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.7, nesterov=True, weight_decay=0.01),
     {"kind": "sgd", "lr": 0.2, "momentum": 0.7, "nesterov": True, "weight_decay": 0.01}),
    ("adam", lambda p: torch.optim.Adam(p, lr=0.05), {"kind": "adam", "lr": 0.05}),
    ("adam_weight_decay", lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
     {"kind": "adam", "lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1}),
    ("adamw", lambda p: torch.optim.AdamW(p, lr=0.05), {"kind": "adamw", "lr": 0.05, "weight_decay": 0.01}),
    ("adamw_strong_decay", lambda p: torch.optim.AdamW(p, lr=0.05, betas=(0.85, 0.995), eps=1e-7, weight_decay=0.5),
     {"kind": "adamw", "lr": 0.05, "beta1": 0.85, "beta2": 0.995, "eps": 1e-7, "weight_decay": 0.5}),
]

trajectories = []
for name, make, settings in OPTIMIZERS:
    params = [t.clone().requires_grad_(True) for t in start]
    optimizer = make(params)
    steps = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss_of(params).backward()
        optimizer.step()
        steps.append(flat([p.detach() for p in params]))
    trajectories.append({"name": name, "settings": settings, "steps": steps})


def rates(make_scheduler, epochs=20, lr=0.1):
    parameter = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([parameter], lr=lr)
    scheduler = make_scheduler(optimizer)
    values = []
    for _ in range(epochs):
        values.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return values


schedules = [
    {"name": "step", "settings": {"kind": "step", "lr": 0.1, "step_size": 3, "gamma": 0.5},
     "rates": rates(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5))},
    {"name": "cosine", "settings": {"kind": "cosine", "lr": 0.1, "t_max": 12, "eta_min": 0.001},
     "rates": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=12, eta_min=0.001))},
    {"name": "cosine_to_zero", "settings": {"kind": "cosine", "lr": 0.1, "t_max": 20, "eta_min": 0.0},
     "rates": rates(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=20))},
    {"name": "linear_warmup", "settings": {"kind": "linear", "lr": 0.1, "start_factor": 0.25, "end_factor": 1.0, "total_iters": 5},
     "rates": rates(lambda o: torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=5))},
    {"name": "linear_default", "settings": {"kind": "linear", "lr": 0.1, "start_factor": 1.0 / 3, "end_factor": 1.0, "total_iters": 5},
     "rates": rates(lambda o: torch.optim.lr_scheduler.LinearLR(o))},
]

fixture = {
    "torch": torch.__version__,
    "network": {"inputs": INPUTS, "hidden": HIDDEN, "classes": CLASSES, "rows": ROWS},
    "x": flat([x]),
    "labels": y.tolist(),
    "start": flat(start),
    "initial_loss": float(loss_of(start)),
    "trajectories": trajectories,
    "schedules": schedules,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json")
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {path} with torch {torch.__version__}")
