namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// How close the generated single-precision networks must come to the double-precision interpreter, as relative
/// 2-norm errors (<see cref="RelativeError"/>). Float rounding is about 6e-8 per operation; a sum of n products
/// drifts by about sqrt(n) of that, and a few SGD steps compound it.
/// </summary>
internal static class Tolerances
{
    /// <summary>Outputs (logits or activations) of a forward pass.</summary>
    public const double Outputs = 1e-5;

    /// <summary>
    /// A batch loss (relative to <see cref="LossScale"/>: its magnitude, or its sensitivity to the outputs where it
    /// nearly cancels), an epoch's mean loss, an evaluation's mean loss.
    /// </summary>
    public const double Loss = 1e-5;

    /// <summary>Every parameter gradient and the input gradient.</summary>
    public const double Gradients = 1e-4;

    /// <summary>The parameters after several SGD steps (and after an epoch).</summary>
    public const double Parameters = 1e-4;

    /// <summary>
    /// How far every ReLU pre-activation must stay from 0 in a compared batch, relative to its scale (the
    /// root-sum-square of its terms, see <see cref="Conditioning"/>): float and double must agree on the side of the
    /// kink, and float's error in a pre-activation is about 1e-7 of that scale times a small factor.
    /// </summary>
    public const double KinkMargin = 1e-5;
}
