namespace NetGen.IntegrationTests.Networks;

/// <summary>The course's Affine-ReLU-Affine regressor with biases and the squared error <c>||y_hat - y||^2</c>.</summary>
[Network(6, Loss = Loss.SquaredError, MaxBatch = 16)]
[Dense(9, Activation.ReLU, BiasInit = Init.XavierUniform)]
[Dense(3, BiasInit = Init.XavierUniform)]
public partial class AffineReluAffine
{
}
