namespace NetGen.Distributed.TestHost;

/// <summary>The hw0 network: 784-100-10, ReLU, no bias, softmax cross-entropy.</summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
[Dense(100, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Hw0Network
{
}
