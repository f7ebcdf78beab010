using System;
using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Reporting;
using NetGen.Training;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// <c>TrainEpoch(..., GradientHealth)</c>: it trains as the fused epoch does, measures each layer's weight-gradient
/// norm and dead ReLU units, and flags the vanishing gradients of a deep sigmoid network with a tiny initialization.
/// </summary>
public sealed class GradientHealthTests(ITestOutputHelper output)
{
    [Fact]
    public void DeepSigmoid_WithTinyInit_IsFlaggedVanishingInItsFirstLayers()
    {
        var network = new DeepSigmoid();
        network.Initialize(7);
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] *= 0.05f; // a tiny initialization: 1/20 of Xavier's
        Batch data = Batch.Draw(DeepSigmoid.Spec, 256, new Random(7));
        var health = new GradientHealth(DeepSigmoid.Spec);

        network.TrainEpoch(data.Inputs, data.Targets, data.Rows, 0.5f, 32, health);
        output.WriteLine(health.ToString());

        LayerGradientHealth[] layers = health.Layers.ToArray();
        Assert.Equal(8, health.Batches);
        Assert.True(health.HasWarnings);
        Assert.Equal(GradientWarning.Vanishing, layers[0].Warning);
        Assert.Equal(GradientWarning.Vanishing, layers[1].Warning);
        Assert.Equal(GradientWarning.None, layers[^1].Warning);
        Assert.Contains("vanishing", layers[0].DescribeWarning(), StringComparison.Ordinal);
        Assert.Contains("vanishing", health.ToString(), StringComparison.Ordinal);

        // The norms shrink from the output towards the input, layer after layer.
        for (int l = 0; l < layers.Length - 2; l++)
            Assert.True(layers[l].MeanWeightGradientNorm < layers[l + 1].MeanWeightGradientNorm, $"layer {l + 1} vs {l + 2}");
        Assert.True(layers[0].RatioToOutput < 1e-3, $"ratio {layers[0].RatioToOutput}");
    }

    /// <summary>
    /// The same nine sigmoid layers at their Xavier initialization still lose three orders of magnitude by the first
    /// layers (sigmoid' is at most 1/4): fewer layers are flagged than with the tiny initialization, but some are. A
    /// four-layer tanh/sigmoid network is not flagged at all.
    /// </summary>
    [Fact]
    public void XavierInit_FlagsFewerLayers_AndAShallowNetworkNone()
    {
        var deep = new DeepSigmoid();
        deep.Initialize(7);
        Batch data = Batch.Draw(DeepSigmoid.Spec, 256, new Random(7));
        var health = new GradientHealth(DeepSigmoid.Spec);
        deep.TrainEpoch(data.Inputs, data.Targets, data.Rows, 0.5f, 32, health);
        output.WriteLine(health.ToString());
        int flagged = health.Layers.Count(l => l.Warning == GradientWarning.Vanishing);
        Assert.InRange(flagged, 1, 5);

        var shallow = new DeepTanhSigmoid();
        shallow.Initialize(7);
        Batch rows = Batch.Draw(DeepTanhSigmoid.Spec, 96, new Random(7));
        var shallowHealth = new GradientHealth(DeepTanhSigmoid.Spec);
        shallow.TrainEpoch(rows.Inputs, rows.Targets, rows.Rows, 0.5f, 12, shallowHealth);
        output.WriteLine(shallowHealth.ToString());
        Assert.False(shallowHealth.HasWarnings);
    }

    [Fact]
    public void Hw0_HealthEpoch_TrainsLikeTheFusedEpoch_AndMeasuresEveryBatch()
    {
        var fused = new MnistMlp();
        var measured = new MnistMlp();
        fused.Initialize(4);
        measured.Initialize(4);
        Batch data = Batch.Draw(MnistMlp.Spec, 250, new Random(4));
        var health = new GradientHealth(MnistMlp.Spec);

        EpochResult a = fused.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.2f, 100);
        EpochResult b = measured.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.2f, 100, health);
        output.WriteLine(health.ToString());

        // The same arithmetic, unfused: the README says bit-identical on hw0, and so it is, bit for bit.
        Assert.Equal(a.Batches, b.Batches);
        Assert.Equal(BitConverter.DoubleToInt64Bits(a.MeanLoss), BitConverter.DoubleToInt64Bits(b.MeanLoss));
        for (int i = 0; i < MnistMlp.ParameterCount; i++)
        {
            if (BitConverter.SingleToInt32Bits(fused.Parameters[i]) != BitConverter.SingleToInt32Bits(measured.Parameters[i]))
                Assert.Fail($"parameter {i}: {measured.Parameters[i]:R} after the health epoch, {fused.Parameters[i]:R} after the fused one");
        }

        Assert.Equal(3, health.Batches);
        Assert.Equal(250, health.Rows);
        Assert.False(health.HasWarnings);
        Assert.True(double.IsNaN(health.Layers[1].DeadFraction));
        Assert.Equal(health.Layers.Select(l => l.MeanWeightGradientNorm), health.GetMeanWeightGradientNorms());
    }

    [Fact]
    public void Hw0_DeadUnits_AreTheUnitsNeverActiveOnAnyRow_CountedIndependently()
    {
        // Non-negative inputs (as pixels are) and 17 units whose weights are all negative: those never fire, and a dead
        // ReLU passes no gradient, so SGD never revives them. The count is recomputed here in double precision from the
        // parameters before each step (a fused network stepped batch by batch, bit-identical to the health epoch).
        const int Rows = 250, BatchSize = 100, Hidden = 100, Inputs = 784;
        var fused = new MnistMlp();
        var measured = new MnistMlp();
        Batch data = Batch.Draw(MnistMlp.Spec, Rows, new Random(9));
        for (int i = 0; i < data.Inputs.Length; i++)
            data.Inputs[i] = Math.Abs(data.Inputs[i]);
        int[] killed = Enumerable.Range(0, 17).Select(k => k * 5 + 3).ToArray();
        foreach (MnistMlp network in new[] { fused, measured })
        {
            network.Initialize(4);
            foreach (int unit in killed)
            {
                for (int i = 0; i < Inputs; i++)
                    network.W1[i * Hidden + unit] = -Math.Abs(network.W1[i * Hidden + unit]) - 1e-3f;
            }
        }

        var peaks = new double[Hidden];
        Array.Fill(peaks, double.NegativeInfinity);
        for (int start = 0; start < Rows; start += BatchSize)
        {
            int m = Math.Min(BatchSize, Rows - start);
            for (int row = start; row < start + m; row++)
            {
                for (int unit = 0; unit < Hidden; unit++)
                {
                    double z = 0;
                    for (int i = 0; i < Inputs; i++)
                        z += (double)data.Inputs[row * Inputs + i] * fused.W1[i * Hidden + unit];
                    peaks[unit] = Math.Max(peaks[unit], z);
                }
            }

            fused.TrainBatch(data.Inputs.AsSpan(start * Inputs, m * Inputs), data.Labels.AsSpan(start, m), m, 0.2f);
        }

        int expected = peaks.Count(peak => !(peak > 0));
        var health = new GradientHealth(MnistMlp.Spec);
        measured.TrainEpoch(data.Inputs, data.Labels, Rows, 0.2f, BatchSize, health);

        output.WriteLine($"dead units: {health.Layers[0].DeadUnits} of {Hidden}; recomputed: {expected} (the 17 killed, and {expected - 17} more)");
        Assert.InRange(expected, killed.Length, Hidden - 1);
        Assert.Equal(expected, health.Layers[0].DeadUnits);
        Assert.Equal((double)expected / Hidden, health.Layers[0].DeadFraction);
        Assert.True(double.IsNaN(health.Layers[1].DeadFraction));
    }

    [Fact]
    public void OneBatch_Norms_AreTheWeightGradientNormsOfBackward()
    {
        var network = new AffineReluAffine();
        network.Initialize(2);
        Batch batch = Batch.Draw(AffineReluAffine.Spec, 16, new Random(2));
        float[] before = network.Parameters.ToArray();
        network.Backward(batch.Inputs, batch.Targets, 16);
        double[] expected = AffineReluAffine.Spec.Layers
            .Select(layer => Math.Sqrt(network.Gradients.Slice(layer.WeightOffset, layer.WeightCount).ToArray().Sum(g => (double)g * g)))
            .ToArray();

        var health = new GradientHealth(AffineReluAffine.Spec);
        network.TrainEpoch(batch.Inputs, batch.Targets, 16, 0f, 16, health);
        Assert.Equal(before, network.Parameters.ToArray());
        for (int l = 0; l < expected.Length; l++)
            Assert.Equal(expected[l], health.Layers[l].MeanWeightGradientNorm, 1e-12);

        // The report's per-layer norms include the bias; the health's are the weights' alone.
        Assert.True(GradientNorms.PerLayer(network)[0] >= expected[0]);
    }

    [Fact]
    public void ReluUnitsThatNeverActivate_AreCountedDead_AndResetForgetsThem()
    {
        var network = new MnistMlp();
        network.Initialize(5);
        // Units 0..11 of the hidden layer get all-negative weights; the inputs are made non-negative, so they never fire.
        Span<float> w1 = network.W1;
        for (int i = 0; i < MnistMlp.InputSize; i++)
            for (int j = 0; j < 12; j++)
                w1[i * 100 + j] = -0.1f - MathF.Abs(w1[i * 100 + j]);
        Batch data = Batch.Draw(MnistMlp.Spec, 200, new Random(5));
        for (int i = 0; i < data.Inputs.Length; i++)
            data.Inputs[i] = MathF.Abs(data.Inputs[i]);

        var health = new GradientHealth(MnistMlp.Spec);
        network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.01f, 100, health);
        output.WriteLine(health.ToString());
        Assert.InRange(health.Layers[0].DeadUnits, 12, 100);

        health.Reset();
        Assert.Equal(0, health.Batches);
        Assert.Equal(0, health.Layers[0].DeadUnits);
        Assert.True(double.IsNaN(health.Layers[0].MeanWeightGradientNorm));
    }

    [Fact]
    public void HealthOfAnotherNetwork_IsAnArgumentException_BeforeTraining()
    {
        var network = new AffineReluAffine();
        network.Initialize(1);
        float[] before = network.Parameters.ToArray();
        Batch batch = Batch.Draw(AffineReluAffine.Spec, 4, new Random(1));
        var error = Assert.Throws<ArgumentException>(() => network.TrainEpoch(batch.Inputs, batch.Targets, 4, 0.1f, 4, new GradientHealth(DosageNetwork.Spec)));
        Assert.Equal("health", error.ParamName);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void HealthEpoch_AllocatesNothing()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 250, new Random(1));
        byte[] bytes = data.ByteLabels;
        var health = new GradientHealth(MnistMlp.Spec);
        for (int i = 0; i < 20; i++)
            network.TrainEpoch(data.Inputs, bytes, data.Rows, 1e-6f, 100, health);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            health.Reset();
            network.TrainEpoch(data.Inputs, bytes, data.Rows, 1e-6f, 100, health);
            _ = health.HasWarnings;
            _ = health.Layers[0].DeadFraction;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"TrainEpoch with health: {allocated} bytes over 10 epochs");
        Assert.Equal(0, allocated);
    }
}
