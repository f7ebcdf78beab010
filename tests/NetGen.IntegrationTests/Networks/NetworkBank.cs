using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.IntegrationTests.Networks;

/// <summary>Every network declared in this project, by name, for the comparisons that run over all of them.</summary>
internal static class NetworkBank
{
    private static readonly Dictionary<string, Func<INetwork>> Factories = new(StringComparer.Ordinal)
    {
        [nameof(MnistMlp)] = () => new MnistMlp(),
        [nameof(SoftmaxRegression)] = () => new SoftmaxRegression(),
        [nameof(DosageNetwork)] = () => new DosageNetwork(),
        [nameof(AffineReluAffine)] = () => new AffineReluAffine(),
        [nameof(DeepTanhSigmoid)] = () => new DeepTanhSigmoid(),
        [nameof(DeepTanhSigmoidClassifier)] = () => new DeepTanhSigmoidClassifier(),
        [nameof(OddWidths)] = () => new OddWidths(),
        [nameof(WideHidden)] = () => new WideHidden(),
        [nameof(Narrow)] = () => new Narrow(),
        [nameof(SmoothOutputs)] = () => new SmoothOutputs(),
        [nameof(PractitionerActivations)] = () => new PractitionerActivations(),
        [nameof(PractitionerClassifier)] = () => new PractitionerClassifier(),
    };

    public static IEnumerable<string> Names => Factories.Keys.OrderBy(name => name, StringComparer.Ordinal);

    public static INetwork Create(string name) => Factories[name]();

    /// <summary>1, an odd size below MaxBatch (when there is one), and MaxBatch.</summary>
    public static int[] BatchSizes(int maxBatch)
    {
        int odd = maxBatch / 2 | 1;
        return new[] { 1, odd, maxBatch }.Where(size => size <= maxBatch).Distinct().ToArray();
    }

    /// <summary>Every (network, batch size) pair, as xunit theory data.</summary>
    public static IEnumerable<object[]> Cases() =>
        from name in Names
        from size in BatchSizes(Create(name).Spec.MaxBatch)
        select new object[] { name, size };
}
