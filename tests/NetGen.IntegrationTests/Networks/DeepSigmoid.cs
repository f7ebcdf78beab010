namespace NetGen.IntegrationTests.Networks;

/// <summary>
/// Eight Sigmoid layers of 32 units and a Sigmoid output, mean half squared error: the course's vanishing-gradient
/// example once its weights are scaled down (sigmoid' &lt;= 1/4 and small weights shrink the gradient at every layer).
/// </summary>
[Network(16, Loss = Loss.HalfSquaredError, MaxBatch = 32)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(4, Activation.Sigmoid)]
public partial class DeepSigmoid
{
}
