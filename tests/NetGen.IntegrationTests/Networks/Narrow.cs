namespace NetGen.IntegrationTests.Networks;

/// <summary>3-1-1: a single Tanh unit into a single Sigmoid output, mean squared error.</summary>
[Network(3, Loss = Loss.SquaredError, MaxBatch = 4)]
[Dense(1, Activation.Tanh, BiasInit = Init.XavierNormal)]
[Dense(1, Activation.Sigmoid, BiasInit = Init.XavierNormal)]
public partial class Narrow
{
}
