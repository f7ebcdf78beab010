using System;

namespace NetGen.Initialization;

/// <summary>
/// Elementary functions computed from IEEE-754 additions, multiplications, divisions and square roots only, so
/// that they give the same bits on every machine and runtime. <see cref="Math.Log(double)"/> is not guaranteed
/// to be correctly rounded and may differ in the last bit between C runtimes; seeded initialization must not.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2 = 0.6931471805599453094;
    private const double Sqrt2 = 1.4142135623730950488;

    /// <summary>The natural logarithm of a positive, finite <paramref name="x"/> (relative error below 1e-15).</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || double.IsInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm is computed for positive finite numbers only.");

        // Split x = m * 2^e with m in [1, 2), scaling subnormals up first.
        int e = 0;
        if (x < 2.2250738585072014E-308) // below the smallest normal double, 2^-1022
        {
            x *= 18014398509481984.0; // 2^54
            e = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        e += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);

        // Center m on 1 (m in [sqrt(1/2), sqrt(2))) so the series below converges fast.
        if (m > Sqrt2)
        {
            m *= 0.5;
            e++;
        }

        // log m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), s = (m - 1) / (m + 1), |s| < 0.172:
        // thirteen terms leave a truncation error below 1e-19.
        double s = (m - 1) / (m + 1);
        double s2 = s * s;
        double p = 1.0 / 25;
        for (int k = 11; k >= 0; k--)
            p = p * s2 + 1.0 / (2 * k + 1);
        return e * Ln2 + 2 * s * p;
    }
}
