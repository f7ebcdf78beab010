namespace NetGen.Samples.Mnist;

/// <summary>Softmax regression, the course's first model: one layer, zero init, no bias.</summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 1000)]
[Dense(10, Bias = false, WeightInit = Init.Zeros)]
public partial class SoftmaxRegression
{
}

/// <summary>The course's two-layer network (hw0): 784-100-10, ReLU, no bias, <c>randn / sqrt(fan_out)</c> init.</summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 1000)]
[Dense(100, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Mlp100
{
}

/// <summary>The course's published run: 784-400-10, ReLU, no bias, <c>randn / sqrt(fan_out)</c> init.</summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 1000)]
[Dense(400, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Mlp400
{
}
