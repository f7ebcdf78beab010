using System;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>After warm-up, no entry point allocates: every buffer is a field sized for MaxBatch at construction.</summary>
/// <remarks>
/// The runtime itself may allocate on the calling thread once, when tiered compilation promotes a method (which,
/// while other tests keep the JIT busy, can fall inside a measured window). An allocation in the generated code
/// happens on every call, so each entry point gets a few rounds of calls and must have one round that allocates
/// nothing. The class runs alone, to keep those rounds quiet.
/// </remarks>
[Collection(nameof(AllocationTests))]
public sealed class AllocationTests(ITestOutputHelper output)
{
    private const int WarmUpCalls = 40, MeasuredCalls = 10, Rounds = 5;

    [Fact]
    public void Classifier_EntryPoints_AllocateNothing()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 250, new Random(1));
        byte[] bytes = data.ByteLabels;
        float[] outputs = new float[MnistMlp.MaxBatch * MnistMlp.OutputSize];
        float[] inputGradients = new float[MnistMlp.MaxBatch * MnistMlp.InputSize];
        int[] classes = new int[data.Rows];
        ReadOnlyMemory<float> batch = data.Inputs.AsMemory(0, 100 * MnistMlp.InputSize);

        AssertNoAllocation("Forward", () => network.Forward(batch.Span, outputs, 100));
        AssertNoAllocation("Backward (int)", () => network.Backward(batch.Span, data.Labels.AsSpan(0, 100), 100));
        AssertNoAllocation("Backward (byte)", () => network.Backward(batch.Span, bytes.AsSpan(0, 100), 100));
        AssertNoAllocation("InputGradient", () => network.InputGradient(batch.Span, data.Labels.AsSpan(0, 100), 100, inputGradients));
        AssertNoAllocation("ApplySgd", () => network.ApplySgd(1e-6f));
        AssertNoAllocation("TrainBatch (int)", () => network.TrainBatch(batch.Span, data.Labels.AsSpan(0, 100), 100, 1e-6f));
        AssertNoAllocation("TrainBatch (byte)", () => network.TrainBatch(batch.Span, bytes.AsSpan(0, 100), 100, 1e-6f));
        AssertNoAllocation("TrainEpoch (byte)", () => network.TrainEpoch(data.Inputs, bytes, data.Rows, 1e-6f, 100));
        AssertNoAllocation("TrainEpoch (int)", () => network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e-6f, 100));
        AssertNoAllocation("Evaluate (byte)", () => network.Evaluate(data.Inputs, bytes, data.Rows));
        AssertNoAllocation("Evaluate (int)", () => network.Evaluate(data.Inputs, data.Labels, data.Rows));
        AssertNoAllocation("Predict", () => network.Predict(data.Inputs, classes, data.Rows));
    }

    [Fact]
    public void Regressor_EntryPoints_AllocateNothing()
    {
        var network = new DeepTanhSigmoid();
        network.Initialize(1);
        Batch data = Batch.Draw(DeepTanhSigmoid.Spec, 30, new Random(1));
        int m = DeepTanhSigmoid.MaxBatch;
        float[] outputs = new float[m * DeepTanhSigmoid.OutputSize];
        float[] inputGradients = new float[m * DeepTanhSigmoid.InputSize];
        float[] predictions = new float[data.Rows * DeepTanhSigmoid.OutputSize];
        ReadOnlyMemory<float> batch = data.Inputs.AsMemory(0, m * DeepTanhSigmoid.InputSize);
        ReadOnlyMemory<float> targets = data.Targets.AsMemory(0, m * DeepTanhSigmoid.OutputSize);

        AssertNoAllocation("Forward", () => network.Forward(batch.Span, outputs, m));
        AssertNoAllocation("Backward", () => network.Backward(batch.Span, targets.Span, m));
        AssertNoAllocation("InputGradient", () => network.InputGradient(batch.Span, targets.Span, m, inputGradients));
        AssertNoAllocation("ApplySgd", () => network.ApplySgd(1e-6f));
        AssertNoAllocation("TrainBatch", () => network.TrainBatch(batch.Span, targets.Span, m, 1e-6f));
        AssertNoAllocation("TrainEpoch", () => network.TrainEpoch(data.Inputs, data.Targets, data.Rows, 1e-6f, 7));
        AssertNoAllocation("Evaluate", () => network.Evaluate(data.Inputs, data.Targets, data.Rows));
        AssertNoAllocation("Predict", () => network.Predict(data.Inputs, predictions, data.Rows));
    }

    private void AssertNoAllocation(string what, Action call)
    {
        for (int i = 0; i < WarmUpCalls; i++)
            call();
        var rounds = new System.Collections.Generic.List<long>();
        for (int round = 0; round < Rounds && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < MeasuredCalls; i++)
                call();
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        output.WriteLine($"{what}: {string.Join(", ", rounds)} bytes over rounds of {MeasuredCalls} calls");
        Assert.True(rounds[^1] == 0, $"{what} allocated in every round of {MeasuredCalls} calls after warm-up: {string.Join(", ", rounds)} bytes.");
    }
}
