namespace NetGen.IntegrationTests.Networks;

/// <summary>The course's larger run: 784-400-10, ReLU, no bias, softmax cross-entropy; the JIT and IL-size checks use it.</summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
[Dense(400, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class MnistMlp400
{
}
