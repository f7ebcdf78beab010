using NetGen.IntegrationTests.Networks;
using NetGen.Specification;

namespace NetGen.IntegrationTests;

public sealed class GeneratedMembersTests
{
    [Fact]
    public void MnistMlp_Constants_MatchDeclaration()
    {
        Assert.Equal(784, MnistMlp.InputSize);
        Assert.Equal(10, MnistMlp.OutputSize);
        Assert.Equal(100, MnistMlp.MaxBatch);
        Assert.Equal(784 * 100 + 100 * 10, MnistMlp.ParameterCount);
        Assert.Equal(MnistMlp.ParameterCount, MnistMlp.Spec.ParameterCount);
    }

    [Fact]
    public void Initialize_EqualsRuntimeInitializer_AndViewsAliasParameters()
    {
        var network = new MnistMlp();
        network.Initialize(42);
        float[] expected = new float[MnistMlp.ParameterCount];
        NetGen.Initialization.ParameterInitializer.Initialize(MnistMlp.Spec, expected, 42);
        Assert.Equal(expected, network.Parameters.ToArray());
        Assert.Equal(network.Parameters[784 * 100], network.W2[0]);
        LayerSpec second = MnistMlp.Spec.Layers[1];
        Assert.Equal(784 * 100, second.WeightOffset);
    }
}
