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
    public void EpochEvaluationAndPrediction_MatchInterpreter(string name)
    {
        var log = new ErrorLog();
        DatasetCheck.Run(NetworkBank.Create(name), name.Length, log, name);
        output.WriteLine(log.ToString());
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
}
