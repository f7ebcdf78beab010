namespace NetGen.IntegrationTests.Networks;

/// <summary>The course's 1-2-1 network: Softplus hidden units, biases, the sum of squared residuals.</summary>
[Network(1, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 8)]
[Dense(2, Activation.Softplus, BiasInit = Init.XavierNormal)]
[Dense(1, BiasInit = Init.XavierNormal)]
public partial class DosageNetwork
{
}
