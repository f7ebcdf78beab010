namespace NetGen.Samples.AffineRelu;

/// <summary>
/// The homework network of the notes (003): Affine -> ReLU -> Affine -> identity, with biases, trained on the
/// squared error <c>||y_hat - y||^2</c>. Here: 3 inputs, 8 hidden units, 2 outputs.
/// </summary>
[Network(3, Loss = Loss.SquaredError, MaxBatch = 64)]
[Dense(8, Activation.ReLU, WeightInit = Init.HeNormal)]
[Dense(2)]
public partial class AffineReluNetwork
{
}
