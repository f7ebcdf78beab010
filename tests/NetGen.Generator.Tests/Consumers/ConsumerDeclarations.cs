using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Tests.Consumers;

/// <summary>
/// Representative network declarations a consumer writes, compiled together under each consumer setting: the hw0
/// network, deep networks with biases that use every activation (one per loss), a tiny one, one nested in partial
/// types and one in the global namespace.
/// </summary>
internal static class ConsumerDeclarations
{
    /// <summary>The hw0 network: 784-100-10, ReLU, no biases, softmax cross-entropy.</summary>
    public const string Hw0 = """
        using NetGen;

        namespace Consumers.Hw0;

        [Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
        [Dense(100, Activation.ReLU, Bias = false)]
        [Dense(10, Bias = false)]
        public partial class MnistMlp { }
        """;

    /// <summary>A 1-1 network, the smallest declaration there is.</summary>
    public const string Tiny = """
        using NetGen;

        namespace Consumers.Tiny;

        [Network(1, Loss = Loss.SquaredError, MaxBatch = 1)]
        [Dense(1)]
        public partial class Unit { }
        """;

    /// <summary>A network nested in a partial record, a static class and a struct.</summary>
    public const string Nested = """
        using NetGen;

        namespace Consumers.Nested
        {
            public partial record Catalog
            {
                public static partial class Models
                {
                    internal partial struct Holder
                    {
                        [Network(2, Loss = Loss.HalfSquaredError)]
                        [Dense(3, Activation.Sigmoid)]
                        [Dense(1)]
                        public partial class Xor { }
                    }
                }
            }
        }
        """;

    /// <summary>A network in the global namespace.</summary>
    public const string Global = """
        [NetGen.Network(4, Loss = NetGen.Loss.SoftmaxCrossEntropy)]
        [NetGen.Dense(3, NetGen.Activation.ReLU)]
        [NetGen.Dense(2)]
        partial class GlobalNetwork { }
        """;

    /// <summary>Every declaration above and the deep networks.</summary>
    public static IReadOnlyList<string> All { get; } =
        new[] { Hw0, Tiny, Nested, Global }.Concat(DeepNetworks()).ToArray();

    // One deep network per loss (and both reductions), with biases and every activation, each initializer in turn.
    private static IEnumerable<string> DeepNetworks()
    {
        yield return Deep("DeepClassifier", "Loss.SoftmaxCrossEntropy", "Reduction.Mean", "MaxBatch = 33", "Activation.Identity");
        yield return Deep("DeepSquared", "Loss.SquaredError", "Reduction.Sum", "MaxBatch = 7", "Activation.Sigmoid");
        yield return Deep("DeepHalfSquared", "Loss.HalfSquaredError", "Reduction.Mean", "MaxBatch = 64", "Activation.Tanh");
    }

    private static string Deep(string name, string loss, string reduction, string maxBatch, string output) => $$"""
        using NetGen;

        namespace Consumers.Deep;

        /// <summary>A deep network with biases and every activation.</summary>
        [Network(17, Loss = {{loss}}, Reduction = {{reduction}}, {{maxBatch}})]
        [Dense(33, Activation.Tanh, WeightInit = Init.XavierUniform)]
        [Dense(20, Activation.ReLU, WeightInit = Init.HeNormal, BiasInit = Init.Zeros)]
        [Dense(12, Activation.Softplus, WeightInit = Init.ScaledNormal)]
        [Dense(9, Activation.Sigmoid, WeightInit = Init.XavierNormal)]
        [Dense(7, Activation.Identity, BiasInit = Init.XavierNormal)]
        [Dense(3, {{output}})]
        public sealed partial class {{name}} { }
        """;
}
