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

    /// <summary><c>z</c> for <c>z &gt; 0</c>, else <c>slope * z</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="slope">The negative slope, in [0, 1).</param>
    /// <returns>The leaky ReLU of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => z > 0 ? z : slope * z;

    /// <summary><c>1</c> for <c>z &gt; 0</c>, else <c>slope</c> (the slope at the kink, as torch's <c>leaky_relu</c>).</summary>
    /// <param name="z">The pre-activation.</param>
    /// <param name="slope">The negative slope, in [0, 1).</param>
    /// <returns>The derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUDerivative(float z, float slope) => z > 0 ? 1f : slope;

    /// <summary><c>z sigmoid(z)</c> (SiLU, swish).</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The SiLU of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLU(float z) => z * Sigmoid(z);

    /// <summary>
    /// <c>silu'(z) = s (1 + z (1 - s))</c> with <c>s = sigmoid(z)</c>, and <c>1 - s</c> taken as <c>sigmoid(-z)</c>
    /// so that it does not cancel for large <c>z</c>.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="z"/>, in about (-0.1, 1.1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUDerivative(float z) => Sigmoid(z) * (1 + z * Sigmoid(-z));

    /// <summary><c>silu''(z) = s (1 - s) (2 + z (1 - 2 s))</c>, with <c>1 - s = sigmoid(-z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The second derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLUSecondDerivative(float z)
    {
        float s = Sigmoid(z), r = Sigmoid(-z);
        return s * r * (2 + z * (r - s));
    }

    /// <summary>The scale of GELU's tanh approximation, <c>sqrt(2 / pi)</c>.</summary>
    private const float GeluScale = 0.7978845608028654f;

    /// <summary>The cubic coefficient of GELU's tanh approximation, 0.044715.</summary>
    private const float GeluCubic = 0.044715f;

    /// <summary>
    /// GELU, tanh approximation (torch's <c>gelu(z, approximate='tanh')</c>): <c>0.5 z (1 + tanh(u))</c> with
    /// <c>u = sqrt(2/pi) (z + 0.044715 z^3)</c>, computed as <c>z sigmoid(2 u)</c>, which does not cancel for negative
    /// <c>z</c>.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The GELU of <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELU(float z) => z * Sigmoid(2 * GeluScale * z * (1 + GeluCubic * z * z));

    /// <summary>
    /// <c>gelu'(z) = 0.5 (1 + tanh u) + 0.5 z (1 - tanh^2 u) u'</c>, <c>u' = sqrt(2/pi) (1 + 3 * 0.044715 z^2)</c>,
    /// written with <c>p = sigmoid(2u)</c>, <c>q = sigmoid(-2u)</c> as <c>p + 2 z p q u'</c> (<c>1 + tanh u = 2 p</c>,
    /// <c>1 - tanh^2 u = 4 p q</c>).
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The derivative at <paramref name="z"/>, in about (-0.13, 1.13).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUDerivative(float z)
    {
        float u = GeluScale * z * (1 + GeluCubic * z * z);
        float p = Sigmoid(2 * u), pq = p * Sigmoid(-2 * u);
        // pq underflows to 0 once |u| > 52: then the second term is 0 too (and z^2 may overflow).
        return pq == 0 ? p : p + 2 * z * pq * GeluScale * (1 + 3 * GeluCubic * z * z);
    }

    /// <summary>
    /// <c>gelu''(z) = (1 - tanh^2 u) (u' + 0.5 z (u'' - 2 tanh(u) u'^2))</c>, <c>u'' = 6 * 0.044715 sqrt(2/pi) z</c>,
    /// with <c>1 - tanh^2 u = 4 p q</c> and <c>tanh u = p - q</c> as in <see cref="GELUDerivative"/>.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The second derivative at <paramref name="z"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELUSecondDerivative(float z)
    {
        float u = GeluScale * z * (1 + GeluCubic * z * z);
        float p = Sigmoid(2 * u), q = Sigmoid(-2 * u);
        float pq = p * q;
        if (pq == 0)
            return 0;
        float du = GeluScale * (1 + 3 * GeluCubic * z * z);
        float ddu = 6 * GeluCubic * GeluScale * z;
        return 4 * pq * (du + 0.5f * z * (ddu - 2 * (p - q) * du * du));
    }

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

    /// <summary>Writes <c>leaky_relu(z)</c> of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    /// <param name="slope">The negative slope, in [0, 1).</param>
    public static void LeakyReLU(ReadOnlySpan<float> preActivations, Span<float> activations, float slope)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = LeakyReLU(preActivations[k], slope);
    }

    /// <summary>Writes <c>silu(z)</c> of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    public static void SiLU(ReadOnlySpan<float> preActivations, Span<float> activations)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = SiLU(preActivations[k]);
    }

    /// <summary>Writes <c>gelu(z)</c> (tanh approximation) of every pre-activation.</summary>
    /// <param name="preActivations">The pre-activations <c>z</c>.</param>
    /// <param name="activations">Receives the activations; as long as <paramref name="preActivations"/>.</param>
    public static void GELU(ReadOnlySpan<float> preActivations, Span<float> activations)
    {
        activations = activations[..preActivations.Length];
        for (int k = 0; k < activations.Length; k++)
            activations[k] = GELU(preActivations[k]);
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
