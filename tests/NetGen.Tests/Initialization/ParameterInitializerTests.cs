using NetGen.Initialization;
using NetGen.Specification;

namespace NetGen.Tests.Initialization;

public sealed class ParameterInitializerTests
{
    [Fact]
    public void BiasInitOnALayerWithoutBias_IsAcceptedByTheSpec_AndChangesNothing()
    {
        // The generator only warns about this declaration (NG0023), so the runtime spec must accept it as well; the
        // initializer has no bias to fill, and the parameters equal those of the same layer without BiasInit.
        var withBiasInit = new NetworkSpec(4, [new LayerDeclaration(3, Activation.Tanh, Bias: false, BiasInit: Init.XavierNormal), new LayerDeclaration(2)], Loss.SquaredError);
        var without = new NetworkSpec(4, [new LayerDeclaration(3, Activation.Tanh, Bias: false), new LayerDeclaration(2)], Loss.SquaredError);
        Assert.Equal(4 * 3 + 3 * 2 + 2, withBiasInit.ParameterCount);

        float[] a = new float[withBiasInit.ParameterCount], b = new float[without.ParameterCount];
        ParameterInitializer.Initialize(withBiasInit, a, seed: 5);
        ParameterInitializer.Initialize(without, b, seed: 5);
        Assert.Equal(b, a);
    }
}
