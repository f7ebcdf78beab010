using System;

namespace NetGen.Distributed.Tests;

public sealed class ParameterFingerprintTests
{
    [Fact]
    public void EqualBuffers_HaveEqualFingerprints_AndAnyOneBitFlipChangesIt()
    {
        var random = new Random(3);
        var values = new float[257];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(random.NextDouble() - 0.5);
        ulong original = ParameterFingerprint.Of(values);
        Assert.Equal(original, ParameterFingerprint.Of((float[])values.Clone()));

        for (int i = 0; i < values.Length; i += 16)
        {
            for (int bit = 0; bit < 32; bit++)
            {
                float[] flipped = (float[])values.Clone();
                flipped[i] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(flipped[i]) ^ (1 << bit));
                Assert.NotEqual(original, ParameterFingerprint.Of(flipped));
            }
        }
    }

    [Fact]
    public void SwappedValues_ChangeTheFingerprint()
    {
        float[] values = { 1f, 2f, 3f };
        Assert.NotEqual(ParameterFingerprint.Of(values), ParameterFingerprint.Of(new[] { 2f, 1f, 3f }));
    }
}
