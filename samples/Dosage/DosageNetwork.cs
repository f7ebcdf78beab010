namespace NetGen.Samples.Dosage;

/// <summary>
/// The 1-2-1 network of the backpropagation notes: one input (the dosage), two Softplus hidden units with biases,
/// one linear output with a bias, fitted by the sum of squared residuals.
/// </summary>
[Network(1, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 3)]
[Dense(2, Activation.Softplus, WeightInit = Init.XavierNormal)]
[Dense(1, WeightInit = Init.XavierNormal)]
public partial class DosageNetwork
{
}
