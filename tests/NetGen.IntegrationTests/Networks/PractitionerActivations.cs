namespace NetGen.IntegrationTests.Networks;

/// <summary>
/// The activations practitioners reach for, on a regressor: LeakyReLU with a declared slope, SiLU, and GELU (tanh form)
/// on the output, so that the loss layer's curvature goes through GELU's ratio; widths 12-16-8-5, squared error.
/// </summary>
[Network(12, Loss = Loss.SquaredError, MaxBatch = 9)]
[Dense(16, Activation.LeakyReLU, NegativeSlope = 0.2f, BiasInit = Init.XavierNormal)]
[Dense(8, Activation.SiLU, BiasInit = Init.XavierNormal)]
[Dense(5, Activation.GELU, Bias = false)]
public partial class PractitionerActivations
{
}
