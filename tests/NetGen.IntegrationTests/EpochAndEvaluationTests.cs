using System;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.IntegrationTests;

/// <summary>TrainEpoch (with a partial last batch), Evaluate (over more rows than MaxBatch) and Predict against the interpreter.</summary>
public sealed class EpochAndEvaluationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in NetworkBank.Names)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainEpoch_WithPartialLastBatch_MatchesInterpreter(string name)
    {
        INetwork network = NetworkBank.Create(name);
        NetworkSpec spec = network.Spec;
        int batchSize = Math.Max(1, spec.MaxBatch - 1);
        int count = 2 * batchSize + (batchSize / 2 | 1); // two full batches and a partial one
        var random = new Random(name.Length);
        network.Initialize(7);
        float[] initial = network.Parameters.ToArray();
        Batch data = DrawEpoch(spec, initial, count, batchSize, random);
        var reference = new ReferenceNetwork(spec);
        reference.CopyParametersFrom(initial);

        EpochResult result = Calls.TrainEpoch(network, data, 0.05f, batchSize);
        EpochResult expected = Calls.TrainEpoch(reference, data, 0.05f, batchSize);

        Assert.Equal(expected.Count, result.Count);
        Assert.Equal(expected.Batches, result.Batches);
        Assert.Equal((count + batchSize - 1) / batchSize, result.Batches);
        AssertClose(name + " epoch mean loss", result.MeanLoss, expected.MeanLoss, Tolerances.Loss);
        AssertClose(name + " parameters after the epoch", RelativeError.Of(network.Parameters, reference.Parameters), Tolerances.Parameters);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Evaluate_OverMoreRowsThanMaxBatch_MatchesInterpreter(string name)
    {
        INetwork network = NetworkBank.Create(name);
        NetworkSpec spec = network.Spec;
        network.Initialize(11);
        var reference = new ReferenceNetwork(spec);
        reference.CopyParametersFrom(network.Parameters);
        Batch data = Batch.Draw(spec, 2 * spec.MaxBatch + 3, new Random(name.Length + 1));

        Evaluation result = Calls.Evaluate(network, data);
        Evaluation expected = Calls.Evaluate(reference, data);

        Assert.Equal(data.Rows, result.Count);
        AssertClose(name + " evaluation mean loss", result.MeanLoss, expected.MeanLoss, Tolerances.Loss);
        Assert.Equal(expected.Errors, result.Errors);
        Assert.Equal(expected.ErrorRate, result.ErrorRate);
        if (!spec.IsClassifier)
        {
            Assert.True(double.IsNaN(result.ErrorRate));
            Assert.Equal(0, result.Errors);
        }

        output.WriteLine($"{name}: loss {result.MeanLoss} vs {expected.MeanLoss}, errors {result.Errors}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Predict_OverMoreRowsThanMaxBatch_MatchesInterpreter(string name)
    {
        INetwork network = NetworkBank.Create(name);
        NetworkSpec spec = network.Spec;
        network.Initialize(13);
        var reference = new ReferenceNetwork(spec);
        reference.CopyParametersFrom(network.Parameters);
        Batch data = Batch.Draw(spec, 2 * spec.MaxBatch + 1, new Random(name.Length + 2));

        if (spec.IsClassifier)
        {
            int[] classes = new int[data.Rows];
            int[] expected = new int[data.Rows];
            ((IClassifier)network).Predict(data.Inputs, classes, data.Rows);
            reference.Predict(data.Inputs, expected, data.Rows);
            Assert.Equal(expected, classes);
        }
        else
        {
            float[] values = new float[data.Rows * spec.OutputSize];
            double[] expected = new double[values.Length];
            ((IRegressor)network).Predict(data.Inputs, values, data.Rows);
            reference.Predict(data.Inputs, expected, data.Rows);
            AssertClose(name + " predictions", RelativeError.Of(values, expected), Tolerances.Outputs);
        }
    }

    [Theory]
    [InlineData(nameof(MnistMlp))]
    [InlineData(nameof(AffineReluAffine))]
    public void NoRows_TrainNothing_AndReportNaN(string name)
    {
        INetwork network = NetworkBank.Create(name);
        network.Initialize(1);
        float[] before = network.Parameters.ToArray();
        Batch none = Batch.Draw(network.Spec, 0, new Random(1));

        EpochResult epoch = Calls.TrainEpoch(network, none, 0.1f, 1);
        Evaluation evaluation = Calls.Evaluate(network, none);

        Assert.Equal(new EpochResult(double.NaN, 0, 0), epoch);
        Assert.True(double.IsNaN(evaluation.MeanLoss) && double.IsNaN(evaluation.ErrorRate));
        Assert.Equal(0, evaluation.Count);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ByteLabels_TrainAndEvaluateLikeIntLabels()
    {
        var withBytes = new OddWidths();
        var withInts = new OddWidths();
        withBytes.Initialize(3);
        withInts.Initialize(3);
        Batch data = Batch.Draw(OddWidths.Spec, 20, new Random(5));

        EpochResult byByte = withBytes.TrainEpoch(data.Inputs, data.ByteLabels, data.Rows, 0.1f, 4);
        EpochResult byInt = withInts.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.1f, 4);
        Assert.Equal(byInt, byByte);
        Assert.Equal(withInts.Parameters.ToArray(), withBytes.Parameters.ToArray());
        Assert.Equal(withInts.Evaluate(data.Inputs, data.Labels, data.Rows), withBytes.Evaluate(data.Inputs, data.ByteLabels, data.Rows));
        Assert.Equal(
            withInts.TrainBatch(data.Inputs.AsSpan(0, 3 * OddWidths.InputSize), data.Labels.AsSpan(0, 3), 3, 0.1f),
            withBytes.TrainBatch(data.Inputs.AsSpan(0, 3 * OddWidths.InputSize), data.ByteLabels.AsSpan(0, 3), 3, 0.1f));
    }

    /// <summary>Data for an epoch whose every batch keeps its ReLU pre-activations away from 0 along the whole descent.</summary>
    private static Batch DrawEpoch(NetworkSpec spec, float[] initial, int count, int batchSize, Random random)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            Batch data = Batch.Draw(spec, count, random);
            var replay = new ReferenceNetwork(spec);
            replay.CopyParametersFrom(initial);
            bool clear = true;
            for (int start = 0; start < count && clear; start += batchSize)
            {
                Batch batch = data.Slice(spec, start, Math.Min(batchSize, count - start));
                clear = replay.KinkMargin(batch.WideInputs, batch.Rows) >= Tolerances.KinkMargin;
                Calls.TrainBatch(replay, batch, 0.05f);
            }

            if (clear)
                return data;
        }

        throw new XunitException("No epoch of data keeps its ReLU pre-activations away from 0.");
    }

    private static void AssertClose(string what, double actual, double expected, double tolerance) =>
        AssertClose(what, RelativeError.Of(actual, expected), tolerance);

    private static void AssertClose(string what, double error, double tolerance)
    {
        ErrorLog.Process.Record(what.Contains("loss", StringComparison.Ordinal) ? "epoch/eval loss" : "epoch params", error);
        if (!(error <= tolerance))
            throw new XunitException($"{what}: relative error {error:E3} > {tolerance:E1}.");
    }
}
