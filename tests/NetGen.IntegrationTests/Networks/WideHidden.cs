namespace NetGen.IntegrationTests.Networks;

/// <summary>7-65-3: one hidden ReLU layer of 65 units without bias, summed squared error.</summary>
[Network(7, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 5)]
[Dense(65, Activation.ReLU, Bias = false, WeightInit = Init.HeNormal)]
[Dense(3, BiasInit = Init.XavierNormal)]
public partial class WideHidden
{
}
