using System;
using NetGen.Training;

namespace NetGen.Tests.Training;

/// <summary>The guard's scans: the largest magnitude and the sum of magnitudes, with a NaN or infinity anywhere.</summary>
public sealed class DivergenceGuardTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    [InlineData(100)]
    public void MaxAbs_IsTheLargestMagnitude(int length)
    {
        var random = new Random(length);
        float[] values = new float[length];
        float expected = 0;
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
            expected = MathF.Max(expected, MathF.Abs(values[i]));
        }

        Assert.Equal(expected, DivergenceGuard.MaxAbs(values));
        double sum = 0;
        foreach (float value in values)
            sum += MathF.Abs(value);
        Assert.Equal(sum, DivergenceGuard.SumAbs(values), 1e-9);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(100, 37)]
    [InlineData(100, 99)]
    [InlineData(5, 4)]
    public void NaNOrInfinity_AnywhereIsReported(int length, int position)
    {
        float[] values = new float[length];
        values.AsSpan().Fill(0.5f);
        values[position] = float.NaN;
        Assert.True(float.IsNaN(DivergenceGuard.MaxAbs(values)));
        Assert.True(double.IsNaN(DivergenceGuard.SumAbs(values)));
        Assert.Equal(position, DivergenceGuard.FirstNonFinite(values));

        values[position] = float.NegativeInfinity;
        Assert.Equal(float.PositiveInfinity, DivergenceGuard.MaxAbs(values));
        Assert.Equal(double.PositiveInfinity, DivergenceGuard.SumAbs(values));
        Assert.Equal(position, DivergenceGuard.FirstNonFinite(values));
    }

    [Fact]
    public void SafeMagnitude_Is2To100_AndAFiniteWeightPlusLessThan2To102StaysFinite()
    {
        Assert.Equal(DivergenceGuard.SafeMagnitude, Math.Pow(2, 100));
        float change = (float)Math.Pow(2, 102) * 0.99f;
        Assert.True(float.IsFinite(float.MaxValue + change));
        Assert.True(float.IsFinite(MathF.FusedMultiplyAdd(change, 1f, float.MaxValue)));
        Assert.False(float.IsFinite(float.MaxValue + (float)Math.Pow(2, 103)));
    }
}
