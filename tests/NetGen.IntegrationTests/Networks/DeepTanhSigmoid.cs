namespace NetGen.IntegrationTests.Networks;

/// <summary>Four layers of Tanh and Sigmoid with biases, mean half squared error; widths 9-33-17-7-3.</summary>
[Network(9, Loss = Loss.HalfSquaredError, MaxBatch = 12)]
[Dense(33, Activation.Tanh, BiasInit = Init.XavierNormal)]
[Dense(17, Activation.Sigmoid, BiasInit = Init.XavierNormal)]
[Dense(7, Activation.Tanh, WeightInit = Init.XavierUniform, BiasInit = Init.XavierNormal)]
[Dense(3, Activation.Sigmoid, BiasInit = Init.XavierNormal)]
public partial class DeepTanhSigmoid
{
}
