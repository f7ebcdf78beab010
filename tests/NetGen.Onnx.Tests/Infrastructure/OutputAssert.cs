using System;
using System.Globalization;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>Compares two runtimes' outputs row by row with a relative tolerance.</summary>
internal static class OutputAssert
{
    /// <summary>
    /// Every <c>|actual - expected| &lt;= tolerance * max(|expected|, rowScale)</c>, where <c>rowScale</c> is the largest
    /// magnitude in that row of <paramref name="expected"/>: relative to the values themselves, except that an output
    /// near zero is held to the row's scale (float32 sums in another order differ there by a few ulps of the larger terms).
    /// </summary>
    public static void RelativelyClose(float[] expected, float[] actual, int columns, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int row = 0; row < expected.Length / columns; row++)
        {
            double rowScale = 0;
            for (int j = 0; j < columns; j++) rowScale = Math.Max(rowScale, Math.Abs(expected[row * columns + j]));
            for (int j = 0; j < columns; j++)
            {
                int i = row * columns + j;
                Assert.True(float.IsFinite(actual[i]), $"{what}: row {row}, column {j} is {actual[i]}.");
                double error = Math.Abs((double)actual[i] - expected[i]);
                double bound = tolerance * Math.Max(Math.Abs(expected[i]), rowScale);
                if (error > bound)
                    Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                        $"{what}: row {row}, column {j}: expected {expected[i]:R}, got {actual[i]:R}; |difference| {error:E3} > {bound:E3} ({tolerance:E0} relative to max(|expected|, row's largest |value| {rowScale:G6}))."));
            }
        }
    }
}
