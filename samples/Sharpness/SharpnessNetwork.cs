namespace NetGen.Samples.Sharpness;

/// <summary>
/// The course's hw0 network, 784-100-10, ReLU, no bias, <c>randn / sqrt(fan_out)</c> init, with room for the
/// 1000-row batch whose loss's Hessian the sample studies.
/// </summary>
[Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 1000)]
[Dense(100, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class SharpnessNetwork
{
}
