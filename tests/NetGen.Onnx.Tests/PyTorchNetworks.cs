namespace NetGen.Onnx.Tests;

// The declarations matching the models of Fixtures/make_fixtures.py, one per PyTorch nn.Sequential.

/// <summary><c>Linear(10, 16), ReLU, Linear(16, 4)</c>: a classifier (logits out).</summary>
[Network(10, MaxBatch = 20)]
[Dense(16, Activation.ReLU)]
[Dense(4)]
public partial class TorchRelu
{
}

/// <summary><c>Linear(6, 8), Tanh, Linear(8, 5), Sigmoid, Linear(5, 2)</c>: a regressor.</summary>
[Network(6, Loss = Loss.SquaredError, MaxBatch = 20)]
[Dense(8, Activation.Tanh)]
[Dense(5, Activation.Sigmoid)]
[Dense(2)]
public partial class TorchTanhSigmoid
{
}

/// <summary><c>Linear(5, 7, bias=False), Softplus, Linear(7, 3, bias=False), Tanh</c>: exported as MatMul, not Gemm.</summary>
[Network(5, Loss = Loss.SquaredError, MaxBatch = 20)]
[Dense(7, Activation.Softplus, Bias = false)]
[Dense(3, Activation.Tanh, Bias = false)]
public partial class TorchSoftplusNoBias
{
}

/// <summary><c>Linear(8, 12), Sigmoid, Linear(12, 3), Softmax(dim=1)</c>: a classifier exported with its probabilities.</summary>
[Network(8, MaxBatch = 20)]
[Dense(12, Activation.Sigmoid)]
[Dense(3)]
public partial class TorchSoftmaxHead
{
}

/// <summary>Shaped like <c>torch_conv.onnx</c>'s input and output (16 pixels, 3 outputs), to be refused for its convolution.</summary>
[Network(16, MaxBatch = 4)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
public partial class ConvShaped
{
}
