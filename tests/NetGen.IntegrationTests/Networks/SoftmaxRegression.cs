namespace NetGen.IntegrationTests.Networks;

/// <summary>Softmax regression on MNIST-sized inputs: one layer, no bias, zero init (the course's hw0 question 2).</summary>
[Network(784, MaxBatch = 20)]
[Dense(10, Bias = false, WeightInit = Init.Zeros)]
public partial class SoftmaxRegression
{
}
