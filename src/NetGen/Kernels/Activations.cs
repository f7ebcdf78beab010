using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The activations of <see cref="Activation"/> and their derivatives in single precision, as generated networks call
/// them. Each derivative is taken at the pre-activation <c>z</c> and written so that it keeps its relative accuracy
/// where the activation saturates (no <c>1 - s</c> or <c>1 - t^2</c> cancellation).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Activations
{
    /// <summary><c>1 / (1 + e^-z)</c>, without overflow for any <paramref name="z"/>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The sigmoid of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        float e = MathF.Exp(-MathF.Abs(z)); // in (0, 1]
        return z >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /// <summary><c>sigmoid'(z) = sigmoid(z) (1 - sigmoid(z)) = e / (1 + e)^2</c> with <c>e = exp(-|z|)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidDerivative(float z)
    {
        float e = MathF.Exp(-MathF.Abs(z));
        float d = 1 + e;
        return e / (d * d);
    }

    /// <summary><c>tanh(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The hyperbolic tangent of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => MathF.Tanh(z);

    /// <summary><c>tanh'(z) = 1 - tanh(z)^2 = 4 e / (1 + e)^2</c> with <c>e = exp(-2|z|)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhDerivative(float z)
    {
        float e = MathF.Exp(-2 * MathF.Abs(z));
        float d = 1 + e;
        return 4 * e / (d * d);
    }

    /// <summary><c>log(1 + e^z) = max(z, 0) + log1p(e^-|z|)</c>, without overflow for any <paramref name="z"/>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The softplus of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Softplus(float z) => MathF.Max(z, 0) + LogOnePlus(MathF.Exp(-MathF.Abs(z)));

    /// <summary><c>softplus'(z) = sigmoid(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SoftplusDerivative(float z) => Sigmoid(z);

    /// <summary><c>log(1 + x)</c> for <c>x &gt;= 0</c>, accurate when <paramref name="x"/> is tiny.</summary>
    /// <remarks>
    /// .NET has no accurate <c>log1p</c> (<see cref="float.LogP1"/> is <c>log(x + 1)</c>). With <c>u = 1 + x</c>
    /// rounded, <c>log(u) * x / (u - 1)</c> cancels the rounding of <c>u</c> (Goldberg, "What every computer
    /// scientist should know about floating-point arithmetic", Theorem 4).
    /// </remarks>
    /// <param name="x">A non-negative number.</param>
    /// <returns><c>log(1 + x)</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogOnePlus(float x)
    {
        float u = 1 + x;
        return u == 1 ? x : MathF.Log(u) * x / (u - 1);
    }

    /// <summary>Writes <c>sigmoid(z)</c> of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    public static void Sigmoid(ReadOnlySpan<float> preActivations, Span<float> activations)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = Sigmoid(preActivations[k]);
    }

    /// <summary>Writes <c>tanh(z)</c> of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    public static void Tanh(ReadOnlySpan<float> preActivations, Span<float> activations)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = Tanh(preActivations[k]);
    }

    /// <summary>Writes <c>softplus(z)</c> of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    public static void Softplus(ReadOnlySpan<float> preActivations, Span<float> activations)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = Softplus(preActivations[k]);
    }
}
