using System;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The vectorized SGD step against a scalar loop, for every length around the vector widths.</summary>
public sealed class SgdTests
{
    [Fact]
    public void Step_EqualsTheScalarUpdate_ForEveryLengthUpTo40()
    {
        var random = new Random(2);
        for (int length = 0; length <= 40; length++)
        {
            float[] parameters = new float[length], gradients = new float[length], expected = new float[length];
            for (int i = 0; i < length; i++)
            {
                parameters[i] = (float)random.NextDouble();
                gradients[i] = (float)(random.NextDouble() - 0.5);
                expected[i] = (float)(parameters[i] - 0.3 * (double)gradients[i]);
            }

            Sgd.Step(parameters, gradients, 0.3f);

            for (int i = 0; i < length; i++)
                Assert.Equal(expected[i], parameters[i], 1e-6f);
        }
    }

    [Fact]
    public void Step_WithMismatchedLengths_Throws()
    {
        float[] parameters = new float[4];
        Assert.Throws<ArgumentException>("gradients", () => Sgd.Step(parameters, new float[3], 0.1f));
    }
}
