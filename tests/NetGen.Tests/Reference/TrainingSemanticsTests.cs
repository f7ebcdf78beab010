using System;
using System.Linq;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>Epochs, steps, evaluation, prediction and initialization as the contract describes them.</summary>
public sealed class TrainingSemanticsTests
{
    [Theory]
    [InlineData(Loss.SoftmaxCrossEntropy, Reduction.Mean)]
    [InlineData(Loss.SoftmaxCrossEntropy, Reduction.Sum)]
    [InlineData(Loss.SquaredError, Reduction.Mean)]
    [InlineData(Loss.HalfSquaredError, Reduction.Sum)]
    public void Epoch_Of23RowsInBatchesOf10_IsThreeStepsEqualToThreeTrainBatchCalls(Loss loss, Reduction reduction)
    {
        const int count = 23, batch = 10, inputSize = 4;
        const double learningRate = 0.05;
        ReferenceNetwork epochNetwork = CreateNetwork(inputSize, loss, reduction, maxBatch: batch);
        ReferenceNetwork manual = CreateNetwork(inputSize, loss, reduction, maxBatch: batch);
        (double[] x, int[] labels, double[] targets) = Data(epochNetwork.Spec, count, seed: 5);

        EpochResult result = epochNetwork.Spec.IsClassifier
            ? epochNetwork.TrainEpoch(x, labels, count, learningRate, batch)
            : epochNetwork.TrainEpoch(x, targets, count, learningRate, batch);

        double rowLossSum = 0;
        foreach ((int start, int rows) in new[] { (0, 10), (10, 10), (20, 3) })
        {
            double[] xs = x.AsSpan(start * inputSize, rows * inputSize).ToArray();
            int outputs = manual.Spec.OutputSize;
            double batchLoss = manual.Spec.IsClassifier
                ? manual.TrainBatch(xs, labels.AsSpan(start, rows), rows, learningRate)
                : manual.TrainBatch(xs, targets.AsSpan(start * outputs, rows * outputs), rows, learningRate);
            rowLossSum += reduction == Reduction.Mean ? batchLoss * rows : batchLoss; // back to the sum of per-row losses
        }

        Assert.Equal(new EpochResult(result.MeanLoss, 23, 3), result);
        Assert.Equal(manual.Parameters.ToArray(), epochNetwork.Parameters.ToArray()); // same steps, bit for bit
        Assert.Equal(manual.Gradients.ToArray(), epochNetwork.Gradients.ToArray());
        Assert.Equal(rowLossSum / count, result.MeanLoss, 1e-14);
    }

    [Fact]
    public void PartialLastBatch_IsAveragedOverItsOwnSize()
    {
        // The mean-reduced gradient of the last 3 rows is the sum-reduced gradient of those rows divided by 3, not by 10.
        ReferenceNetwork mean = CreateNetwork(4, Loss.SquaredError, Reduction.Mean, maxBatch: 10);
        (double[] x, _, double[] targets) = Data(mean.Spec, 23, seed: 6);
        mean.TrainEpoch(x, targets, 23, 0.05, 10);

        // Replay the first two steps, then take the sum-reduced gradient of the last three rows.
        ReferenceNetwork replay = CreateNetwork(4, Loss.SquaredError, Reduction.Mean, maxBatch: 10);
        replay.TrainBatch(x.AsSpan(0, 40), targets.AsSpan(0, 30), 10, 0.05);
        replay.TrainBatch(x.AsSpan(40, 40), targets.AsSpan(30, 30), 10, 0.05);
        var sum = new ReferenceNetwork(new NetworkSpec(4, mean.Spec.Layers.Select(Declaration).ToArray(), Loss.SquaredError, Reduction.Sum, 10));
        replay.Parameters.CopyTo(sum.Parameters);
        sum.Backward(x.AsSpan(80, 12), targets.AsSpan(60, 9), 3);

        double[] expected = sum.Gradients.ToArray().Select(g => g / 3).ToArray();
        Assert.True(FiniteDifferences.RelativeError(mean.Gradients, expected) < 1e-14);
    }

    [Fact]
    public void Epoch_WithNoRows_TakesNoStep()
    {
        ReferenceNetwork network = CreateNetwork(4, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 10);
        double[] before = network.Parameters.ToArray();
        EpochResult result = network.TrainEpoch(ReadOnlySpan<double>.Empty, ReadOnlySpan<int>.Empty, 0, 0.1, 10);
        Assert.Equal(0, result.Count);
        Assert.Equal(0, result.Batches);
        Assert.True(double.IsNaN(result.MeanLoss));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void FloatOverloads_EqualDoubleOverloads_OnFloatData()
    {
        ReferenceNetwork a = CreateNetwork(4, Loss.SquaredError, Reduction.Mean, maxBatch: 8);
        ReferenceNetwork b = CreateNetwork(4, Loss.SquaredError, Reduction.Mean, maxBatch: 8);
        (double[] x, _, double[] t) = Data(a.Spec, 19, seed: 8);
        float[] xf = x.Select(v => (float)v).ToArray(), tf = t.Select(v => (float)v).ToArray();
        double[] xd = xf.Select(v => (double)v).ToArray(), td = tf.Select(v => (double)v).ToArray();

        Assert.Equal(a.TrainEpoch(xd, td, 19, 0.1f, 8), b.TrainEpoch(xf, tf, 19, 0.1f, 8));
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.Equal(a.Evaluate(xd, td, 19), b.Evaluate(xf, tf, 19));
        Assert.Equal(a.Backward(xd.AsSpan(0, 32), td.AsSpan(0, 24), 8), b.Backward(xf.AsSpan(0, 32), tf.AsSpan(0, 24), 8));
        Assert.Equal(a.Gradients.ToArray(), b.Gradients.ToArray());

        ReferenceNetwork c = CreateNetwork(4, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 8);
        (_, int[] labels, _) = Data(c.Spec, 8, seed: 9);
        var gd = new double[32];
        var gf = new double[32];
        Assert.Equal(c.InputGradient(xd.AsSpan(0, 32), labels, 8, gd), c.InputGradient(xf.AsSpan(0, 32), labels, 8, gf));
        Assert.Equal(gd, gf);
    }

    [Fact]
    public void Loss_EqualsBackwardsLoss_AndLeavesGradientsAlone()
    {
        ReferenceNetwork network = CreateNetwork(4, Loss.SoftmaxCrossEntropy, Reduction.Sum, maxBatch: 6);
        (double[] x, int[] y, _) = Data(network.Spec, 6, seed: 10);
        double backward = network.Backward(x, y, 6);
        double[] gradients = network.Gradients.ToArray();
        Assert.Equal(backward, network.Loss(x, y, 6));
        Assert.Equal(gradients, network.Gradients.ToArray());
    }

    [Fact]
    public void MeanReduction_IsSumReductionDividedByRows()
    {
        ReferenceNetwork mean = CreateNetwork(4, Loss.HalfSquaredError, Reduction.Mean, maxBatch: 7);
        var sum = new ReferenceNetwork(new NetworkSpec(4, mean.Spec.Layers.Select(Declaration).ToArray(), Loss.HalfSquaredError, Reduction.Sum, 7));
        mean.Parameters.CopyTo(sum.Parameters);
        (double[] x, _, double[] t) = Data(mean.Spec, 7, seed: 11);

        Assert.Equal(sum.Backward(x, t, 7) / 7, mean.Backward(x, t, 7), 1e-14);
        Assert.True(FiniteDifferences.RelativeError(mean.Gradients, sum.Gradients.ToArray().Select(g => g / 7).ToArray()) < 1e-14);
    }

    [Fact]
    public void Evaluate_CountsArgmaxErrors_LowestIndexWinningTies()
    {
        // Zero weights and bias [1, 1, 0]: every row's logits are [1, 1, 0], a tie that class 0 wins.
        var network = new ReferenceNetwork(new NetworkSpec(2, [new LayerDeclaration(3)], maxBatch: 2));
        double[] bias = [1, 1, 0];
        bias.CopyTo(network.Parameters[6..]);
        double[] x = [0.5, -1, 2, 3, -4, 0, 1, 1, 7, 8];
        int[] labels = [0, 1, 2, 0, 1];

        Evaluation evaluation = network.Evaluate(x, labels, 5); // 5 rows in batches of MaxBatch 2

        double logSumExp = Math.Log(2 * Math.E + 1);
        double expectedLoss = (4 * (logSumExp - 1) + logSumExp) / 5; // labels 0 and 1 cost lse - 1, label 2 costs lse
        Assert.Equal(5, evaluation.Count);
        Assert.Equal(3, evaluation.Errors); // labels 1, 2, 1: the tie between classes 0 and 1 goes to 0
        Assert.Equal(0.6, evaluation.ErrorRate);
        Assert.Equal(expectedLoss, evaluation.MeanLoss, 1e-15);

        var predictions = new int[5];
        network.Predict(x, predictions, 5);
        Assert.Equal([0, 0, 0, 0, 0], predictions);
    }

    [Fact]
    public void Evaluate_ForARegressor_IsTheMeanPerRowLoss_WithoutAnErrorRate()
    {
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            ReferenceNetwork network = CreateNetwork(4, Loss.SquaredError, reduction, maxBatch: 3);
            (double[] x, _, double[] t) = Data(network.Spec, 7, seed: 12);
            Evaluation evaluation = network.Evaluate(x, t, 7);

            double rowSum = 0;
            var output = new double[network.Spec.OutputSize];
            for (int r = 0; r < 7; r++)
            {
                network.Forward(x.AsSpan(r * 4, 4), output, 1);
                for (int j = 0; j < output.Length; j++)
                    rowSum += Math.Pow(output[j] - t[r * output.Length + j], 2);
            }

            Assert.Equal(rowSum / 7, evaluation.MeanLoss, 1e-14);
            Assert.True(double.IsNaN(evaluation.ErrorRate));
            Assert.Equal(0, evaluation.Errors);
            Assert.Equal(7, evaluation.Count);

            var predictions = new double[7 * network.Spec.OutputSize];
            network.Predict(x, predictions, 7);
            var forward = new double[3 * network.Spec.OutputSize];
            network.Forward(x.AsSpan(0, 12), forward, 3);
            Assert.Equal(forward, predictions[..forward.Length]);
        }
    }

    [Fact]
    public void Evaluate_WithNoRows_IsNaN()
    {
        ReferenceNetwork network = CreateNetwork(4, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 3);
        Evaluation evaluation = network.Evaluate(ReadOnlySpan<double>.Empty, ReadOnlySpan<int>.Empty, 0);
        Assert.True(double.IsNaN(evaluation.MeanLoss));
        Assert.True(double.IsNaN(evaluation.ErrorRate));
        Assert.Equal(0, evaluation.Errors);
    }

    [Fact]
    public void Initialize_EqualsTheFloatInitializerWidened_AndCopiesRoundTrip()
    {
        ReferenceNetwork network = CreateNetwork(4, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 3);
        var expected = new float[network.Spec.ParameterCount];
        ParameterInitializer.Initialize(network.Spec, expected, 99);

        network.Initialize(99);

        Assert.Equal(expected.Select(v => (double)v).ToArray(), network.Parameters.ToArray());
        var copy = new float[expected.Length];
        network.CopyParametersTo(copy);
        Assert.Equal(expected, copy);
        Assert.Contains(copy, v => v != 0);
    }

    [Fact]
    public void Relu_HasDerivativeZeroAtTheKink()
    {
        // All parameters zero: every ReLU pre-activation is exactly 0, so no gradient flows into the hidden layer.
        var network = new ReferenceNetwork(new NetworkSpec(
            2, [new LayerDeclaration(3, Activation.ReLU), new LayerDeclaration(1)], Loss.HalfSquaredError, Reduction.Sum, 1));
        network.Backward([1.0, 2.0], [5.0], 1);

        LayerSpec hidden = network.Spec.Layers[0];
        Assert.All(network.Gradients[..hidden.ParameterCount].ToArray(), g => Assert.Equal(0.0, g));
        Assert.Equal(-5.0, network.Gradients[network.Spec.Layers[1].BiasOffset]); // the output bias still learns
        Assert.Equal(0.0, network.KinkMargin([1.0, 2.0], 1));
    }

    private static LayerDeclaration Declaration(LayerSpec layer) =>
        new(layer.Units, layer.Activation, layer.HasBias, layer.WeightInit, layer.BiasInit);

    private static ReferenceNetwork CreateNetwork(int inputs, Loss loss, Reduction reduction, int maxBatch)
    {
        var spec = new NetworkSpec(
            inputs,
            [new LayerDeclaration(5, Activation.Tanh, BiasInit: Init.XavierNormal), new LayerDeclaration(3, BiasInit: Init.XavierNormal)],
            loss,
            reduction,
            maxBatch);
        var network = new ReferenceNetwork(spec);
        network.Initialize(17);
        return network;
    }

    private static (double[] X, int[] Labels, double[] Targets) Data(NetworkSpec spec, int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        double[] x = Enumerable.Range(0, count * spec.InputSize).Select(_ => random.NextGaussian()).ToArray();
        int[] labels = Enumerable.Range(0, count).Select(_ => (int)(random.NextUInt64() % (ulong)spec.OutputSize)).ToArray();
        double[] targets = Enumerable.Range(0, count * spec.OutputSize).Select(_ => random.NextGaussian()).ToArray();
        return (x, labels, targets);
    }
}
