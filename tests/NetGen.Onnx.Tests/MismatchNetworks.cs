namespace NetGen.Onnx.Tests;

// Declarations that differ from a bank network in one respect each, for the import's mismatch errors.

/// <summary>AffineReluAffine (6 -> 9 ReLU -> 3) with 4 outputs: the first layer matches, the second does not.</summary>
[Network(6, Loss = Loss.SquaredError, MaxBatch = 16)]
[Dense(9, Activation.ReLU)]
[Dense(4)]
public partial class AffineReluAffineWide
{
}

/// <summary>AffineReluAffine with Tanh in place of ReLU.</summary>
[Network(6, Loss = Loss.SquaredError, MaxBatch = 16)]
[Dense(9, Activation.Tanh)]
[Dense(3)]
public partial class AffineTanhAffine
{
}

/// <summary>AffineReluAffine's first layer alone.</summary>
[Network(6, Loss = Loss.SquaredError, MaxBatch = 16)]
[Dense(9, Activation.ReLU)]
public partial class AffineReluOnly
{
}

/// <summary>WideHidden (7 -> 65 ReLU, no bias -> 3) with a bias in its first layer too.</summary>
[Network(7, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 5)]
[Dense(65, Activation.ReLU)]
[Dense(3)]
public partial class WideHiddenAllBiases
{
}
