using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Training;

/// <summary>
/// The scans the generated divergence guard is made of: the largest magnitude and the sum of magnitudes of a span,
/// vectorized, propagating NaN. See the generated <c>GuardBeforeStep</c> for how they prove a step finite.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DivergenceGuard
{
    /// <summary>
    /// The bound below which an update cannot overflow: <c>2^100</c>. A finite float <c>w</c> plus a change of
    /// magnitude below <c>2^102</c> rounds to a finite float, because a sum rounds to infinity only at
    /// <c>float.MaxValue + 2^103</c> (half a unit in the last place of <c>float.MaxValue</c>); 2^100 leaves a margin for
    /// the rounding of the bound itself.
    /// </summary>
    public const double SafeMagnitude = 1.2676506002282294E+30; // 2^100

    /// <summary>The largest <c>|x|</c> in <paramref name="values"/>: NaN if any value is NaN, infinity if any is infinite, 0 for none.</summary>
    /// <remarks>
    /// Four independent chains of the hardware maximum (<see cref="Vector.MaxNative{T}"/>, which does not carry a NaN
    /// through), beside four running sums of the values themselves, which do: a NaN anywhere makes a sum NaN (as does
    /// <c>+inf</c> with <c>-inf</c>, whose maximum is infinite anyway).
    /// </remarks>
    /// <param name="values">The values.</param>
    /// <returns>The largest magnitude.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the generated guard: for a tiny network the call costs more than the scan
    public static float MaxAbs(ReadOnlySpan<float> values)
    {
        int lanes = Vector<float>.Count;
        ref float v = ref MemoryMarshal.GetReference(values);
        Vector<float> max0 = Vector<float>.Zero, max1 = max0, max2 = max0, max3 = max0;
        Vector<float> sum0 = Vector<float>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        int k = 0;
        for (; k <= values.Length - 4 * lanes; k += 4 * lanes)
        {
            Vector<float> x0 = Vector.LoadUnsafe(ref v, (nuint)k);
            Vector<float> x1 = Vector.LoadUnsafe(ref v, (nuint)(k + lanes));
            Vector<float> x2 = Vector.LoadUnsafe(ref v, (nuint)(k + 2 * lanes));
            Vector<float> x3 = Vector.LoadUnsafe(ref v, (nuint)(k + 3 * lanes));
            max0 = Vector.MaxNative(max0, Vector.Abs(x0));
            max1 = Vector.MaxNative(max1, Vector.Abs(x1));
            max2 = Vector.MaxNative(max2, Vector.Abs(x2));
            max3 = Vector.MaxNative(max3, Vector.Abs(x3));
            sum0 += x0;
            sum1 += x1;
            sum2 += x2;
            sum3 += x3;
        }

        for (; k <= values.Length - lanes; k += lanes)
        {
            Vector<float> x = Vector.LoadUnsafe(ref v, (nuint)k);
            max0 = Vector.MaxNative(max0, Vector.Abs(x));
            sum0 += x;
        }

        Vector<float> max = Vector.MaxNative(Vector.MaxNative(max0, max1), Vector.MaxNative(max2, max3));
        float probe = Vector.Sum(sum0 + sum1 + sum2 + sum3);
        float result = 0f;
        for (int lane = 0; lane < lanes; lane++)
            result = MathF.Max(result, max[lane]);
        for (; k < values.Length; k++)
        {
            float x = values[k];
            probe += x;
            result = MathF.Max(result, MathF.Abs(x));
        }

        return float.IsNaN(probe) ? float.NaN : result;
    }

    /// <summary>The sum of <c>|x|</c> over <paramref name="values"/> in double: NaN or infinite if any value is.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The sum of magnitudes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into the generated guard: for a tiny network the call costs more than the scan
    public static double SumAbs(ReadOnlySpan<float> values)
    {
        int lanes = Vector<float>.Count;
        ref float v = ref MemoryMarshal.GetReference(values);
        var sum = Vector<double>.Zero;
        int k = 0;
        for (; k <= values.Length - lanes; k += lanes)
        {
            Vector.Widen(Vector.Abs(Vector.LoadUnsafe(ref v, (nuint)k)), out Vector<double> low, out Vector<double> high);
            sum += low + high;
        }

        double result = Vector.Sum(sum);
        for (; k < values.Length; k++)
            result += MathF.Abs(values[k]);
        return result;
    }

    /// <summary>The index of the first value that is NaN or infinite, or -1.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The index, or -1 when every value is finite.</returns>
    public static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
                return k;
        }

        return -1;
    }
}
