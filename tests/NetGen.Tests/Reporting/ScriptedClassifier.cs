using System;
using System.Collections.Generic;
using NetGen.Specification;

namespace NetGen.Tests.Reporting;

/// <summary>
/// A test-only classifier whose predictions are scripted per data set row: it reads the row number that
/// <see cref="ReportFixtures.Images"/> stamps into the first two pixels of each image and answers the scripted class.
/// Or, with <c>stamped: false</c>, it answers the script in order, call after call (for images it cannot stamp).
/// Everything but <see cref="Spec"/> and <see cref="Predict"/> throws <see cref="NotSupportedException"/>.
/// </summary>
internal sealed class ScriptedClassifier : IClassifier
{
    private readonly int[] _predictions;
    private readonly bool _stamped;
    private int _next;

    public ScriptedClassifier(NetworkSpec spec, int[] predictions, bool stamped = true)
    {
        Spec = spec;
        _predictions = predictions;
        _stamped = stamped;
    }

    public NetworkSpec Spec { get; }

    /// <summary>The <c>count</c> of every <see cref="Predict"/> call, in order.</summary>
    public List<int> PredictCalls { get; } = [];

    public Span<float> Parameters => throw new NotSupportedException();

    public Span<float> Gradients => throw new NotSupportedException();

    public void Predict(ReadOnlySpan<float> inputs, Span<int> predictions, int count)
    {
        Assert.Equal(count * Spec.InputSize, inputs.Length);
        Assert.Equal(count, predictions.Length);
        PredictCalls.Add(count);
        for (int i = 0; i < count; i++)
            predictions[i] = _predictions[_stamped ? ReportFixtures.RowOf(inputs.Slice(i * Spec.InputSize, Spec.InputSize)) : _next++];
    }

    public void Initialize(ulong seed) => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => throw new NotSupportedException();

    public void ApplySgd(float learningRate) => throw new NotSupportedException();

    float INetwork<byte>.Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize) => throw new NotSupportedException();

    float INetwork<int>.Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize) => throw new NotSupportedException();

    float INetwork<byte>.InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, Span<float> inputGradients) =>
        throw new NotSupportedException();

    float INetwork<int>.InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, Span<float> inputGradients) =>
        throw new NotSupportedException();

    EpochResult INetwork<byte>.TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, float learningRate, int batchSize, NetGen.Training.GradientHealth health) =>
        throw new NotSupportedException();

    EpochResult INetwork<int>.TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int count, float learningRate, int batchSize, NetGen.Training.GradientHealth health) =>
        throw new NotSupportedException();

    float INetwork<byte>.HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, ReadOnlySpan<float> v, Span<float> result) =>
        throw new NotSupportedException();

    float INetwork<int>.HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, ReadOnlySpan<float> v, Span<float> result) =>
        throw new NotSupportedException();

    float INetwork<byte>.TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, float learningRate) =>
        throw new NotSupportedException();

    float INetwork<int>.TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, float learningRate) =>
        throw new NotSupportedException();

    EpochResult INetwork<byte>.TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, float learningRate, int batchSize) =>
        throw new NotSupportedException();

    EpochResult INetwork<int>.TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int count, float learningRate, int batchSize) =>
        throw new NotSupportedException();

    Evaluation INetwork<byte>.Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count) => throw new NotSupportedException();

    Evaluation INetwork<int>.Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int count) => throw new NotSupportedException();
}
