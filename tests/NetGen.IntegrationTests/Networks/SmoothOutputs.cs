namespace NetGen.IntegrationTests.Networks;

/// <summary>
/// Activations on the output of a regressor: Identity hidden units, then Softplus, then ReLU outputs, summed half
/// squared error; widths 16-8-20-32 (multiples of 4 and 8, and one of 16 exactly).
/// </summary>
[Network(16, Loss = Loss.HalfSquaredError, Reduction = Reduction.Sum, MaxBatch = 7)]
[Dense(8, BiasInit = Init.XavierNormal)]
[Dense(20, Activation.Softplus, Bias = false)]
[Dense(32, Activation.ReLU, BiasInit = Init.XavierNormal)]
public partial class SmoothOutputs
{
}
