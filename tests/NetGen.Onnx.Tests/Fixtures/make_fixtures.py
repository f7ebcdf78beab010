#!/usr/bin/python3
"""Makes the PyTorch import fixtures of NetGen.Onnx.Tests: run with Debian's python3-torch 1.13 from this folder.

    apt-get install -y python3-torch python3-onnx && /usr/bin/python3 make_fixtures.py

For each model: NAME.onnx (torch.onnx.export of an nn.Sequential of Linear layers and activations, batch dimension
dynamic), NAME.inputs.txt and NAME.outputs.txt (20 rows each, the inputs fed to PyTorch and what it computed, one row
per line, every float32 written with 9 significant digits so that it reads back exactly). torch_conv.onnx is a
convolution, which NetGen must refuse. The seed is fixed; the declarations the C# tests match these with are in
PyTorchNetworks.cs.
"""
import torch
from torch import nn

ROWS = 20


def write_rows(path, tensor):
    with open(path, "w", encoding="ascii") as out:
        for row in tensor.tolist():
            out.write(" ".join("%.9g" % value for value in row) + "\n")


def export(name, model, inputs):
    model.eval()
    torch.onnx.export(
        model, inputs, name + ".onnx",
        input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        opset_version=14, do_constant_folding=True)
    with torch.no_grad():
        outputs = model(inputs)
    write_rows(name + ".inputs.txt", inputs)
    write_rows(name + ".outputs.txt", outputs)


torch.manual_seed(18)

# nn.Linear with a bias exports as Gemm(transB=1) with the weight as [units, inputs].
export("torch_relu", nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 4)), torch.randn(ROWS, 10))
export("torch_tanh_sigmoid",
       nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 5), nn.Sigmoid(), nn.Linear(5, 2)),
       torch.randn(ROWS, 6))
# Without a bias, nn.Linear exports as MatMul with the transposed weight folded into an [inputs, units] initializer.
export("torch_softplus_nobias",
       nn.Sequential(nn.Linear(5, 7, bias=False), nn.Softplus(), nn.Linear(7, 3, bias=False), nn.Tanh()),
       torch.randn(ROWS, 5))
# A classifier exported with its probabilities: the final Softmax is accepted as a head; NetGen's Forward gives logits.
export("torch_softmax_head",
       nn.Sequential(nn.Linear(8, 12), nn.Sigmoid(), nn.Linear(12, 3), nn.Softmax(dim=1)),
       torch.randn(ROWS, 8))

conv = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten(), nn.Linear(8, 3))
conv.eval()
torch.onnx.export(conv, torch.randn(1, 1, 4, 4), "torch_conv.onnx", input_names=["input"], output_names=["output"],
                  opset_version=14)
print("wrote the fixtures with torch", torch.__version__)
