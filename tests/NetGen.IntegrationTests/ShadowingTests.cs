using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Networks.Shadowing;

namespace NetGen.IntegrationTests;

/// <summary>
/// A network declared among types and members named like the kernels' old aliases compiles (the build proves it) and
/// computes exactly what its twin declared elsewhere does: the kernels bound to System.Numerics, not to the user's names.
/// </summary>
public sealed class ShadowingTests
{
    [Fact]
    public void ShadowedNetwork_TrainsExactlyLikeItsTwin()
    {
        var twin = new AffineReluAffine();
        var shadowed = new Holder.ShadowedAffineReluAffine();
        twin.Initialize(7);
        shadowed.Initialize(7);
        float[] inputs = new float[6 * 5];
        float[] targets = new float[3 * 5];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = ((i * 37) % 11 - 5) / 5f;
        for (int i = 0; i < targets.Length; i++)
            targets[i] = ((i * 13) % 7 - 3) / 3f;

        for (int step = 0; step < 3; step++)
            Assert.Equal(twin.TrainBatch(inputs, targets, 5, 0.05f), shadowed.TrainBatch(inputs, targets, 5, 0.05f));

        float[] expected = new float[3 * 5];
        float[] actual = new float[3 * 5];
        twin.Forward(inputs, expected, 5);
        shadowed.Forward(inputs, actual, 5);
        Assert.Equal(expected, actual);
        Assert.Equal(twin.Parameters.ToArray(), shadowed.Parameters.ToArray());
    }
}
