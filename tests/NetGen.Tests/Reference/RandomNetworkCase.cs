using System;
using System.Collections.Generic;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>
/// A seeded random network with a batch of data, for checking gradients: depth 1-4, widths 1-40, every activation,
/// loss and reduction, bias on and off, batch 1-20. The loss and reduction cycle with the case index (6 combinations)
/// and the first layer's activation cycles through all of them, so any 6 x (number of activations) consecutive cases
/// cover every pairing. LeakyReLU's slope is drawn from 0, 0.1, ..., 0.9.
/// </summary>
/// <remarks>
/// ReLU's and LeakyReLU's kink: every row whose (leaky) ReLU pre-activations come within <see cref="KinkMargin"/> of 0 is redrawn, so a
/// finite-difference step (about 6e-6 per unit of parameter or input, moving a pre-activation by far less than the
/// margin) never crosses the kink. The gradient check also verifies that claim at every evaluated point.
/// </remarks>
internal sealed class RandomNetworkCase
{
    /// <summary>The number of activations, all drawn.</summary>
    public static readonly int ActivationCount = Enum.GetValues<Activation>().Length;

    /// <summary>The smallest |z| any ReLU pre-activation may have at the base point.</summary>
    public const double KinkMargin = 1e-3;

    private RandomNetworkCase(int index, ulong seed, ReferenceNetwork network, double[] inputs, int[] labels, double[] targets, int batchSize, int redrawnRows)
    {
        Index = index;
        Seed = seed;
        Network = network;
        Inputs = inputs;
        Labels = labels;
        Targets = targets;
        BatchSize = batchSize;
        RedrawnRows = redrawnRows;
    }

    public int Index { get; }

    public ulong Seed { get; }

    public ReferenceNetwork Network { get; }

    public NetworkSpec Spec => Network.Spec;

    public double[] Inputs { get; }

    /// <summary>One label per row for a classifier; empty otherwise.</summary>
    public int[] Labels { get; }

    /// <summary>Row-major real targets for a regressor; empty otherwise.</summary>
    public double[] Targets { get; }

    public int BatchSize { get; }

    /// <summary>How many input rows were redrawn to keep ReLU pre-activations away from 0.</summary>
    public int RedrawnRows { get; }

    /// <summary>The batch loss at the current parameters and the given inputs.</summary>
    public double BatchLoss(double[] inputs) =>
        Spec.IsClassifier ? Network.Loss(inputs, Labels, BatchSize) : Network.Loss(inputs, Targets, BatchSize);

    /// <summary>Fills the network's gradients and returns the input gradient.</summary>
    public double[] AnalyticInputGradient()
    {
        var inputGradient = new double[Inputs.Length];
        if (Spec.IsClassifier)
            Network.InputGradient(Inputs, Labels, BatchSize, inputGradient);
        else
            Network.InputGradient(Inputs, Targets, BatchSize, inputGradient);
        return inputGradient;
    }

    /// <summary>Whether each ReLU unit of each row is active (z &gt; 0) at the given inputs and current parameters.</summary>
    public bool[] ReluPattern(double[] inputs)
    {
        ReferenceTrace trace = Network.RunForward(inputs, BatchSize);
        var pattern = new List<bool>();
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            if (Spec.Layers[l].Activation is not (Activation.ReLU or Activation.LeakyReLU)) continue;
            foreach (double z in trace.PreActivations[l])
                pattern.Add(z > 0);
        }

        return pattern.ToArray();
    }

    public override string ToString() =>
        $"case {Index} (seed {Seed}): {Spec}, batch {BatchSize} of MaxBatch {Spec.MaxBatch}, {RedrawnRows} rows redrawn";

    public static RandomNetworkCase Create(int index)
    {
        ulong seed = 0x5EED_0000UL + (ulong)index;
        var random = new DeterministicRandom(seed);
        int Next(int lo, int hi) => lo + (int)(random.NextUInt64() % (ulong)(hi - lo + 1)); // inclusive

        var loss = (Loss)(index % 3);
        var reduction = (Reduction)(index / 3 % 2);
        int depth = Next(1, 4);
        int inputSize = Next(1, 40);
        var layers = new LayerDeclaration[depth];
        for (int l = 0; l < depth; l++)
        {
            bool last = l == depth - 1;
            int units = last && loss == Loss.SoftmaxCrossEntropy ? Next(2, 40) : Next(1, 40);
            var activation = l == 0 ? (Activation)(index / 6 % ActivationCount) : (Activation)Next(0, ActivationCount - 1);
            if (last && loss == Loss.SoftmaxCrossEntropy) activation = Activation.Identity;
            bool bias = Next(0, 1) == 1;
            float slope = Next(0, 9) / 10f; // LeakyReLU's: 0 (ReLU's shape), 0.1, ..., 0.9
            layers[l] = new LayerDeclaration(units, activation, bias, Init.XavierNormal, Init.XavierNormal, slope);
        }

        int batchSize = Next(1, 20);
        var spec = new NetworkSpec(inputSize, layers, loss, reduction, maxBatch: batchSize + Next(0, 3));
        var network = new ReferenceNetwork(spec);

        double[] inputs = new double[batchSize * inputSize];
        int redrawn = 0;
        for (int attempt = 0; ; attempt++)
        {
            if (attempt == 20)
                throw new InvalidOperationException($"Case {index}: no parameters found that keep ReLU pre-activations away from 0.");
            network.Initialize(seed * 31 + (ulong)attempt);
            if (DrawRows(network, inputs, batchSize, random, ref redrawn))
                break;
        }

        int[] labels = loss == Loss.SoftmaxCrossEntropy ? new int[batchSize] : [];
        for (int r = 0; r < labels.Length; r++)
            labels[r] = Next(0, spec.OutputSize - 1);
        double[] targets = loss == Loss.SoftmaxCrossEntropy ? [] : new double[batchSize * spec.OutputSize];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = random.NextGaussian();

        return new RandomNetworkCase(index, seed, network, inputs, labels, targets, batchSize, redrawn);
    }

    /// <summary>Draws each row from N(0, 1), redrawing it while a ReLU pre-activation is within the margin of 0.</summary>
    private static bool DrawRows(ReferenceNetwork network, double[] inputs, int batchSize, DeterministicRandom random, ref int redrawn)
    {
        int width = network.Spec.InputSize;
        var row = new double[width];
        for (int r = 0; r < batchSize; r++)
        {
            int tries = 0;
            do
            {
                if (tries++ == 200) return false;
                for (int i = 0; i < width; i++)
                    row[i] = random.NextGaussian();
            }
            while (network.KinkMargin(row, 1) < KinkMargin);

            redrawn += tries - 1;
            row.CopyTo(inputs, r * width);
        }

        return true;
    }
}
