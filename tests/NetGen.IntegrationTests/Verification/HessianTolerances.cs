namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// How close the generated single-precision Hessian-vector product must come to the interpreter's and to itself, as
/// relative 2-norm errors. <c>H v</c> is a product of about twice as many float operations as a gradient, and its
/// parts combine terms of either sign (<c>R(Z)^T G + Z^T R(G)</c>), so it gets a little more room than
/// <see cref="Tolerances.Gradients"/>.
/// </summary>
internal static class HessianTolerances
{
    /// <summary><c>H v</c> against the interpreter, per layer (weights and bias together).</summary>
    public const double Products = 1e-4;

    /// <summary><c>|u . Hv - v . Hu| / (||u|| ||Hv||)</c> for the generated product.</summary>
    public const double Symmetry = 1e-5;

    /// <summary>
    /// <c>H v</c> against central differences of the generated float gradient on the hw0 network: the differences
    /// carry the float gradient's rounding divided by the step (about 1e-4, as far as ReLU's kinks allow): 4.5e-4 measured.
    /// </summary>
    public const double FiniteDifferences = 2e-3;
}
