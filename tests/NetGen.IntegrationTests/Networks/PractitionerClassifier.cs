namespace NetGen.IntegrationTests.Networks;

/// <summary>
/// GELU, LeakyReLU (default slope 0.01) and SiLU hidden layers under softmax cross-entropy, at odd widths 20-33-17-9-4.
/// </summary>
[Network(20, MaxBatch = 6)]
[Dense(33, Activation.GELU, BiasInit = Init.XavierNormal)]
[Dense(17, Activation.LeakyReLU, Bias = false, WeightInit = Init.HeNormal)]
[Dense(9, Activation.SiLU)]
[Dense(4)]
public partial class PractitionerClassifier
{
}
