using System;
using System.ComponentModel;
using System.Numerics;
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
    /// <param name="values">The values.</param>
    /// <returns>The largest magnitude.</returns>
    public static float MaxAbs(ReadOnlySpan<float> values)
    {
        int lanes = Vector<float>.Count;
        ref float v = ref MemoryMarshal.GetReference(values);
        var max = Vector<float>.Zero;
        var nan = Vector<int>.Zero;
        int k = 0;
        for (; k <= values.Length - lanes; k += lanes)
        {
            Vector<float> x = Vector.LoadUnsafe(ref v, (nuint)k);
            max = Vector.Max(max, Vector.Abs(x));
            nan |= ~Vector.Equals(x, x);
        }

        float result = 0f;
        for (int lane = 0; lane < lanes; lane++)
            result = MathF.Max(result, max[lane]);
        bool sawNaN = nan != Vector<int>.Zero;
        for (; k < values.Length; k++)
        {
            float x = values[k];
            sawNaN |= float.IsNaN(x);
            result = MathF.Max(result, MathF.Abs(x));
        }

        return sawNaN ? float.NaN : result;
    }

    /// <summary>The sum of <c>|x|</c> over <paramref name="values"/> in double: NaN or infinite if any value is.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The sum of magnitudes.</returns>
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
