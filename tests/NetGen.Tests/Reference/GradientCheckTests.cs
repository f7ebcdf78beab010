using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Abstractions;

namespace NetGen.Tests.Reference;

/// <summary>
/// The interpreter's gradients (parameters and inputs) against central finite differences on many random networks.
/// </summary>
/// <remarks>
/// Tolerance: the relative error <c>||g - fd|| / max(||fd||, 1e-8)</c> over the checked coordinates is below
/// 1e-6 for the parameters and for the inputs (central differences with the step of <see cref="FiniteDifferences"/>
/// are good to about 1e-9 here, so 1e-6 leaves room without hiding a wrong term, which gives errors of order 1).
/// Per case, up to 64 parameters (always the first and last weight and bias of every layer) and up to 32 inputs are
/// checked, to keep the suite fast.
/// </remarks>
public sealed class GradientCheckTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;
    private const int Cases = 90;

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Gradients_MatchCentralDifferences(int index)
    {
        RandomNetworkCase c = RandomNetworkCase.Create(index);
        double[] inputGradient = c.AnalyticInputGradient();
        double[] parameterGradient = c.Network.Gradients.ToArray();

        int[] parameterIndices = ParameterSubset(c.Spec, new DeterministicRandom(c.Seed + 1));
        int[] inputIndices = Subset(c.Inputs.Length, 32, new DeterministicRandom(c.Seed + 2));

        // Every point the differences evaluate must have the ReLU pattern of the base point: no step crosses a kink.
        double[] x = (double[])c.Inputs.Clone();
        bool[] basePattern = c.ReluPattern(x);
        int crossings = 0;
        double LossAtPoint()
        {
            if (!basePattern.AsSpan().SequenceEqual(c.ReluPattern(x))) crossings++;
            return c.BatchLoss(x);
        }

        double[] fdParameters = new double[parameterIndices.Length];
        FiniteDifferences.Gradient(c.Network.Parameters, parameterIndices, LossAtPoint, fdParameters);
        double[] fdInputs = new double[inputIndices.Length];
        FiniteDifferences.Gradient(x, inputIndices, LossAtPoint, fdInputs);

        double parameterError = FiniteDifferences.RelativeError(parameterIndices.Select(i => parameterGradient[i]).ToArray(), fdParameters);
        double inputError = FiniteDifferences.RelativeError(inputIndices.Select(i => inputGradient[i]).ToArray(), fdInputs);
        output.WriteLine($"{c}: parameter error {parameterError:E2} ({parameterIndices.Length} checked), input error {inputError:E2} ({inputIndices.Length} checked)");

        Assert.True(crossings == 0, $"{c}: {crossings} finite-difference points crossed a ReLU kink.");
        Assert.True(parameterError < Tolerance, $"{c}: parameter gradient relative error {parameterError:E3} >= {Tolerance:E0}. {Worst(parameterIndices, parameterIndices.Select(i => parameterGradient[i]).ToArray(), fdParameters)}");
        Assert.True(inputError < Tolerance, $"{c}: input gradient relative error {inputError:E3} >= {Tolerance:E0}. {Worst(inputIndices, inputIndices.Select(i => inputGradient[i]).ToArray(), fdInputs)}");
    }

    [Fact]
    public void Cases_CoverEveryActivationLossReductionAndBiasSetting()
    {
        var activations = new HashSet<Activation>();
        var combinations = new HashSet<(Loss, Reduction)>();
        bool withBias = false, withoutBias = false;
        int minBatch = int.MaxValue, maxBatch = 0, maxDepth = 0, maxWidth = 0, minWidth = int.MaxValue;
        for (int i = 0; i < Cases; i++)
        {
            RandomNetworkCase c = RandomNetworkCase.Create(i);
            combinations.Add((c.Spec.Loss, c.Spec.Reduction));
            foreach (LayerSpec layer in c.Spec.Layers)
            {
                activations.Add(layer.Activation);
                withBias |= layer.HasBias;
                withoutBias |= !layer.HasBias;
                maxWidth = Math.Max(maxWidth, layer.Units);
                minWidth = Math.Min(minWidth, layer.Units);
            }

            minBatch = Math.Min(minBatch, c.BatchSize);
            maxBatch = Math.Max(maxBatch, c.BatchSize);
            maxDepth = Math.Max(maxDepth, c.Spec.Layers.Count);
        }

        Assert.Equal(Enum.GetValues<Activation>().Length, activations.Count);
        Assert.Equal(6, combinations.Count);
        Assert.True(withBias && withoutBias);
        Assert.Equal(1, minBatch);
        Assert.Equal(4, maxDepth);
        Assert.Equal(1, minWidth);
        Assert.True(maxBatch >= 18 && maxWidth >= 35, $"batch up to {maxBatch}, width up to {maxWidth}");
    }

    private static int[] ParameterSubset(NetworkSpec spec, DeterministicRandom random)
    {
        var chosen = new SortedSet<int>();
        foreach (LayerSpec layer in spec.Layers)
        {
            chosen.Add(layer.WeightOffset);
            chosen.Add(layer.WeightOffset + layer.WeightCount - 1);
            if (layer.HasBias)
            {
                chosen.Add(layer.BiasOffset);
                chosen.Add(layer.BiasOffset + layer.Units - 1);
            }
        }

        foreach (int i in Subset(spec.ParameterCount, 64 - chosen.Count, random))
            chosen.Add(i);
        return chosen.ToArray();
    }

    /// <summary>All of 0..n-1 if n &lt;= k, else k distinct indices drawn at random.</summary>
    private static int[] Subset(int n, int k, DeterministicRandom random)
    {
        if (n <= k) return Enumerable.Range(0, n).ToArray();
        var chosen = new SortedSet<int>();
        while (chosen.Count < k)
            chosen.Add((int)(random.NextUInt64() % (ulong)n));
        return chosen.ToArray();
    }

    private static string Worst(int[] indices, double[] analytic, double[] numeric)
    {
        int worst = 0;
        for (int k = 1; k < indices.Length; k++)
            if (Math.Abs(analytic[k] - numeric[k]) > Math.Abs(analytic[worst] - numeric[worst])) worst = k;
        return indices.Length == 0 ? "" : $"Worst at index {indices[worst]}: analytic {analytic[worst]:R}, finite difference {numeric[worst]:R}.";
    }
}
