using System;

namespace NetGen.IntegrationTests.Verification;

/// <summary>The error measure of every comparison: <c>||actual - expected|| / max(||expected||, tiny)</c> in the 2-norm.</summary>
internal static class RelativeError
{
    /// <summary>The floor of the denominator, so that an all-zero reference compares absolutely.</summary>
    public const double Tiny = 1e-30;

    public static double Of(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"Lengths differ: {actual.Length} vs {expected.Length}.", nameof(actual));
        double difference = 0, norm = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - expected[i];
            difference += d * d;
            norm += expected[i] * expected[i];
        }

        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(norm), Tiny);
    }

    public static double Of(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        double[] widened = new double[expected.Length];
        for (int i = 0; i < expected.Length; i++)
            widened[i] = expected[i];
        return Of(actual, widened);
    }

    public static double Of(double actual, double expected) =>
        Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), Tiny);
}
