namespace NetGen.Generator.Planning;

/// <summary>
/// How a kernel's vectorized dimension fits the vectors of the machines it may run on. <c>Vector&lt;float&gt;</c> holds
/// 4, 8 or 16 floats, chosen by the JIT; the generated code cannot know which, so a dimension between 4 and 15 gets
/// both paths behind <c>if (units &lt; Lanes)</c> and the JIT keeps one.
/// </summary>
internal enum UnitFit
{
    /// <summary>Fewer than 4 units: no vector ever fills, one float at a time.</summary>
    Scalar,

    /// <summary>4 to 15 units: narrower than <c>Vector&lt;float&gt;</c> on some machines (128-bit vectors there, or floats).</summary>
    Either,

    /// <summary>16 units or more: every machine's <c>Vector&lt;float&gt;</c> fills.</summary>
    Vector,
}

/// <summary>
/// A register block: the rows (or inputs) a kernel handles at once, sharing each loaded vector between them, and the
/// most vectors of units each keeps in registers.
/// </summary>
/// <param name="Rows">The broadcast scalars per step: 1, 2 or 4.</param>
/// <param name="Vectors">The most accumulator vectors per row.</param>
internal readonly record struct RegisterBlock(int Rows, int Vectors);

/// <summary>
/// One register-blocked kernel's shape: how its units fit the vectors, and its register block at the natural width
/// (<c>Vector&lt;float&gt;</c>, counted at 8 lanes) and at 128 bits (used when <see cref="Fit"/> is
/// <see cref="UnitFit.Either"/> and the machine's vector is wider than the units).
/// </summary>
/// <param name="Units">The vectorized dimension.</param>
/// <param name="Fit">How it fits the vectors.</param>
/// <param name="Natural">The block at <c>Vector&lt;float&gt;</c>.</param>
/// <param name="Narrow">The block at 128 bits.</param>
internal sealed record KernelPlan(int Units, UnitFit Fit, RegisterBlock Natural, RegisterBlock Narrow)
{
    /// <summary>Whether any vector path exists (the scalar one alone otherwise).</summary>
    public bool IsVectorized => Fit != UnitFit.Scalar;
}
