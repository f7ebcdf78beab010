using System;
using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Training;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// The divergence guard: a step that would make the loss or a parameter NaN or infinite throws a
/// <see cref="TrainingDivergedException"/> naming the batch and the layer, and leaves the parameters exactly as they were
/// before that step (the steps before it stand).
/// </summary>
public sealed class DivergenceGuardTests(ITestOutputHelper output)
{
    /// <summary>
    /// hw0 at a learning rate of 1e5: the first steps blow the weights up until the logits overflow. The epoch throws at
    /// that batch, and its parameters equal those of a second network that took the same earlier batches one
    /// <c>TrainBatch</c> at a time (the same fused step), bit for bit. (They are finite but huge: the step before made
    /// them so; the guard keeps what the last step that produced a finite loss and finite parameters left.)
    /// </summary>
    [Fact]
    public void HugeLearningRate_TrainEpochThrows_NamingTheBatch_WithTheParametersOfTheStepBefore()
    {
        const float learningRate = 1e5f;
        Batch data = Batch.Draw(MnistMlp.Spec, 1000, new Random(11));
        var network = new MnistMlp();
        network.Initialize(11);

        var error = Assert.Throws<TrainingDivergedException>(() => network.TrainEpoch(data.Inputs, data.Labels, data.Rows, learningRate, 50));
        output.WriteLine(error.Message);
        Assert.True(error.Batch > 0, "the first steps stand: " + error.Message);
        Assert.Equal(error.Batch * 50, error.FirstRow);
        Assert.Equal(50, error.Rows);
        Assert.InRange(error.Layer, 1, 2);
        Assert.Contains($"batch {error.Batch} (rows {error.FirstRow} to {error.FirstRow + 49})", error.Message, StringComparison.Ordinal);
        Assert.Contains("Try a smaller learning rate (now 100000)", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArithmeticException>(error);
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));

        // The same batches before the bad one, step by step: the parameters before the bad step.
        var replay = new MnistMlp();
        replay.Initialize(11);
        for (int b = 0; b < error.Batch; b++)
        {
            Batch batch = data.Slice(MnistMlp.Spec, b * 50, 50);
            replay.TrainBatch(batch.Inputs, batch.Labels, 50, learningRate);
        }

        Assert.True(replay.Parameters.SequenceEqual(network.Parameters), "the parameters differ from those before the bad step");

        // And that step, taken alone, throws too and changes nothing.
        Batch bad = data.Slice(MnistMlp.Spec, error.FirstRow, 50);
        float[] before = replay.Parameters.ToArray();
        var again = Assert.Throws<TrainingDivergedException>(() => replay.TrainBatch(bad.Inputs, bad.Labels, 50, learningRate));
        Assert.Equal(0, again.Batch);
        Assert.Equal(before, replay.Parameters.ToArray());
    }

    /// <summary>TrainBatch after TrainBatch at a huge rate: every throw leaves exactly the parameters of the call before.</summary>
    [Theory]
    [InlineData(nameof(AffineReluAffine), 1e4f)]
    [InlineData(nameof(SmoothOutputs), 1e4f)]
    [InlineData(nameof(DosageNetwork), 1e3f)]
    [InlineData(nameof(DeepTanhSigmoidClassifier), 3e38f)]
    public void HugeLearningRate_TrainBatchThrows_AndLeavesTheParameters(string name, float learningRate)
    {
        INetwork network = NetworkBank.Create(name);
        network.Initialize(3);
        var random = new Random(3);
        int batchSize = Math.Min(network.Spec.MaxBatch, 8);
        for (int step = 0; step < 200; step++)
        {
            Batch batch = Batch.Draw(network.Spec, batchSize, random);
            if (!network.Spec.IsClassifier)
                for (int i = 0; i < batch.Targets.Length; i++)
                    batch.Targets[i] *= 1e3f; // large residuals, large gradients
            float[] before = network.Parameters.ToArray();
            try
            {
                Calls.TrainBatch(network, batch, learningRate);
            }
            catch (TrainingDivergedException error)
            {
                output.WriteLine($"{name}, lr {learningRate}: step {step}: {error.Message}");
                Assert.Equal(before, network.Parameters.ToArray());
                Assert.Equal(0, error.Batch);
                return;
            }
        }

        Assert.Fail($"{name} at lr {learningRate} did not diverge in 200 steps.");
    }

    /// <summary>
    /// A learning rate of 1e36 on squared errors of size 1e3: the bound cannot prove the step finite, so the guard
    /// copies the parameters, the update overflows to infinity, and the copy is put back.
    /// </summary>
    [Fact]
    public void OverflowingUpdate_IsUndoneFromTheCopy()
    {
        var network = new AffineReluAffine();
        network.Initialize(5);
        Batch batch = Batch.Draw(AffineReluAffine.Spec, 16, new Random(5));
        for (int i = 0; i < batch.Targets.Length; i++)
            batch.Targets[i] *= 1e3f;
        float[] before = network.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => network.TrainBatch(batch.Inputs, batch.Targets, 16, 1e36f));
        output.WriteLine(error.Message);
        Assert.Contains("the parameters", error.Quantity, StringComparison.Ordinal);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    /// <summary>
    /// A learning rate of 1e31 on small gradients: not provably finite (the bound passes 2^100), yet every update stays
    /// finite (about 1e29), so the step stands, on the copy-and-check path.
    /// </summary>
    [Fact]
    public void UnprovenButFiniteStep_Stands()
    {
        var network = new AffineReluAffine();
        network.Initialize(6);
        Batch batch = Batch.Draw(AffineReluAffine.Spec, 16, new Random(6));
        float[] before = network.Parameters.ToArray();
        network.TrainBatch(batch.Inputs, batch.Targets, 16, 1e31f);
        float[] after = network.Parameters.ToArray();
        Assert.All(after, p => Assert.True(float.IsFinite(p)));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void HealthEpoch_HugeLearningRate_ThrowsToo_WithTheParametersOfTheStepBefore()
    {
        Batch data = Batch.Draw(MnistMlp.Spec, 1000, new Random(11));
        var network = new MnistMlp();
        network.Initialize(11);
        var health = new GradientHealth(MnistMlp.Spec);
        var error = Assert.Throws<TrainingDivergedException>(() => network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e5f, 50, health));
        output.WriteLine(error.Message);
        Assert.Equal(error.Batch, health.Batches);

        var replay = new MnistMlp();
        replay.Initialize(11);
        for (int b = 0; b < error.Batch; b++)
        {
            Batch batch = data.Slice(MnistMlp.Spec, b * 50, 50);
            replay.Backward(batch.Inputs, batch.Labels, 50);
            replay.ApplySgd(1e5f);
        }

        Assert.True(replay.Parameters.SequenceEqual(network.Parameters), "the parameters differ from those before the bad step");
    }

    [Fact]
    public void NonFiniteInput_StopsTheStepBeforeAnythingChanges_NamingTheFirstLayer()
    {
        var network = new DeepTanhSigmoid();
        network.Initialize(2);
        Batch batch = Batch.Draw(DeepTanhSigmoid.Spec, 4, new Random(2));
        batch.Inputs[5] = float.NaN;
        float[] before = network.Parameters.ToArray();
        var error = Assert.Throws<TrainingDivergedException>(() => network.TrainBatch(batch.Inputs, batch.Targets, 4, 0.1f));
        output.WriteLine(error.Message);
        Assert.Equal(1, error.Layer);
        Assert.Equal("the pre-activations P1", error.Quantity);
        Assert.Equal(before, network.Parameters.ToArray());
    }
}
