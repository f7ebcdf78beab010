namespace NetGen.IntegrationTests.Networks;

/// <summary>Widths 5-17-33-9, none a multiple of a vector: Softplus, ReLU without bias, softmax cross-entropy.</summary>
[Network(5, MaxBatch = 9)]
[Dense(17, Activation.Softplus, BiasInit = Init.XavierNormal)]
[Dense(33, Activation.ReLU, Bias = false, WeightInit = Init.HeNormal)]
[Dense(9, BiasInit = Init.XavierNormal)]
public partial class OddWidths
{
}
