using System;

namespace NetGen.Tests.Checkpoints;

/// <summary>Parameter buffers for the tests: patterns with IEEE special values, and bitwise comparison.</summary>
internal static class ParameterValues
{
    /// <summary>Values a float round trip can get wrong: signed zero, subnormals, infinities, extremes.</summary>
    public static readonly float[] Specials =
    [
        -0.0f, float.Epsilon, -float.Epsilon, 1e-40f, -1.17549421e-38f, float.PositiveInfinity, float.NegativeInfinity,
        float.MaxValue, float.MinValue, 1.17549435e-38f, 0.1f, -1f / 3f, 16777217f,
    ];

    /// <summary>A buffer that starts with <see cref="Specials"/> (as many as fit) and continues with varied ordinary values.</summary>
    public static float[] Pattern(int count, int seed)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = (float)(Math.Sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453 % 3.0);
        int specials = Math.Min(count, Specials.Length);
        for (int i = 0; i < specials; i++)
            values[(i * 7 + seed) % count] = Specials[i];
        return values;
    }

    /// <summary>A recognizable content for a target that must not change: 1000.5, 1001.5, ...</summary>
    public static float[] Sentinel(int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = 1000.5f + i;
        return values;
    }

    /// <summary>Asserts bit-for-bit equality (so -0.0 differs from 0.0), naming the first index that differs.</summary>
    public static void AssertBitsEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            int e = BitConverter.SingleToInt32Bits(expected[i]), a = BitConverter.SingleToInt32Bits(actual[i]);
            if (e != a)
                Assert.Fail($"Element {i}: expected {expected[i]:R} (0x{e:X8}), found {actual[i]:R} (0x{a:X8}).");
        }
    }
}
