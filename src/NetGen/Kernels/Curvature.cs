using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// The second-order pieces of the generated Hessian-vector product (the R-operator) in single precision: each smooth
/// activation's curvature ratio <c>sigma''(z) / sigma'(z)</c>, and the directional derivative of the softmax
/// cross-entropy gradient.
/// </summary>
/// <remarks>
/// The backward R-pass needs <c>sigma''(P) o (G W^T)</c>, where <c>G W^T</c> is the gradient with respect to the
/// layer's output before the activation's derivative was applied. The generated code keeps only
/// <c>G' = sigma'(P) o (G W^T)</c>; dividing by <c>sigma'</c> would fail where it underflows. Instead
/// <c>sigma''(P) o (G W^T) = rho(P) o G'</c> with the ratio <c>rho = sigma'' / sigma'</c>, which is bounded and
/// smooth for every smooth activation: <c>-tanh(z/2)</c> for the sigmoid, <c>-2 tanh(z)</c> for tanh,
/// <c>sigmoid(-z)</c> for softplus. ReLU and Identity have <c>sigma'' = 0</c> (ReLU almost everywhere).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Curvature
{
    /// <summary>
    /// <c>sigmoid''(z) / sigmoid'(z) = 1 - 2 sigmoid(z) = -tanh(z / 2)</c>, written as the tangent so that it does not
    /// cancel near 0.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The ratio, in (-1, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidRatio(float z) => -MathF.Tanh(0.5f * z);

    /// <summary><c>tanh''(z) / tanh'(z) = -2 tanh(z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The ratio, in (-2, 2).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhRatio(float z) => -2f * MathF.Tanh(z);

    /// <summary><c>softplus''(z) / softplus'(z) = sigmoid'(z) / sigmoid(z) = 1 - sigmoid(z) = sigmoid(-z)</c>.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The ratio, in (0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SoftplusRatio(float z) => Activations.Sigmoid(-z);

    /// <summary><c>leaky_relu'' = 0</c> (everywhere but the kink), so the ratio is 0.</summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLURatio(float z) => 0f;

    /// <summary>
    /// <c>silu''(z) / silu'(z)</c>. Unlike the other ratios it is unbounded: <c>silu'</c> vanishes at
    /// <c>z = -1.2785</c>. The generated code multiplies it by <c>G = silu'(P) o (G W^T)</c> computed with the same
    /// <see cref="Activations.SiLUDerivative(float)"/>, so the product is <c>silu''(P) o (G W^T)</c> to rounding however
    /// small the derivative; where the derivative is (nearly) 0 in float the ratio is taken as 0, and the product,
    /// which then has lost <c>G W^T</c>, drops that element's curvature term.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The ratio, or 0 where <c>|silu'(z)| &lt; 1e-30</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiLURatio(float z) => Ratio(Activations.SiLUSecondDerivative(z), Activations.SiLUDerivative(z));

    /// <summary>
    /// <c>gelu''(z) / gelu'(z)</c> (tanh approximation); unbounded like <see cref="SiLURatio"/> (<c>gelu'</c> vanishes
    /// near <c>z = -0.75</c>) and used the same way.
    /// </summary>
    /// <param name="z">The pre-activation.</param>
    /// <returns>The ratio, or 0 where <c>|gelu'(z)| &lt; 1e-30</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GELURatio(float z) => Ratio(Activations.GELUSecondDerivative(z), Activations.GELUDerivative(z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Ratio(float second, float first) => MathF.Abs(first) < 1e-30f ? 0f : second / first;

    /// <summary>
    /// The directional derivative of one row's softmax cross-entropy gradient: with <c>p = softmax(z)</c> and the
    /// direction <c>R(z)</c>, <c>R(g) = scale * (diag(p) - p p^T) R(z)</c>, that is
    /// <c>R(g)_j = scale * p_j * (R(z)_j - sum_k p_k R(z)_k)</c>. The label drops out: the Hessian of the
    /// cross-entropy with respect to the logits does not depend on it.
    /// </summary>
    /// <param name="logits">The row <c>z</c>.</param>
    /// <param name="direction">The row <c>R(z)</c>, as long as <paramref name="logits"/>.</param>
    /// <param name="result">Receives <c>R(g)</c>, as long as <paramref name="logits"/>.</param>
    /// <param name="scale">The batch reduction's factor: <c>1/m</c> for the mean, 1 for the sum.</param>
    public static void SoftmaxCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> direction, Span<float> result, float scale)
    {
        direction = direction[..logits.Length];
        result = result[..logits.Length];
        float max = float.NegativeInfinity;
        foreach (float z in logits)
            max = MathF.Max(max, z);

        // exp(z_j - max) <= 1 into the result row, their sum and sum_k e_k R(z)_k in double.
        double sum = 0, weighted = 0;
        for (int j = 0; j < logits.Length; j++)
        {
            float e = MathF.Exp(logits[j] - max);
            result[j] = e;
            sum += e;
            weighted += (double)e * direction[j];
        }

        // p . R(z), then R(g)_j = scale p_j (R(z)_j - p . R(z)).
        double mean = weighted / sum;
        double factor = scale / sum;
        for (int j = 0; j < logits.Length; j++)
            result[j] = (float)(factor * result[j] * (direction[j] - mean));
    }
}
