namespace NetGen.IntegrationTests.Networks;

/// <summary>Four layers of Sigmoid and Tanh with biases, softmax cross-entropy summed over the batch; widths 9-17-33-16-4.</summary>
[Network(9, Reduction = Reduction.Sum, MaxBatch = 12)]
[Dense(17, Activation.Sigmoid, BiasInit = Init.XavierNormal)]
[Dense(33, Activation.Tanh, WeightInit = Init.HeNormal, BiasInit = Init.XavierNormal)]
[Dense(16, Activation.Sigmoid, BiasInit = Init.XavierNormal)]
[Dense(4, BiasInit = Init.XavierNormal)]
public partial class DeepTanhSigmoidClassifier
{
}
