using System;
using NetGen.Specification;
using NetGen.Training;

namespace NetGen.Distributed.TestHost;

/// <summary>A network that behaves as the one it wraps until its <c>Backward</c> is called for the n-th time, which throws.</summary>
internal sealed class FailingNetwork : INetwork<byte>
{
    private readonly INetwork<byte> _inner;
    private readonly int _failingCall;
    private int _calls;

    public FailingNetwork(INetwork<byte> inner, int failingCall)
    {
        _inner = inner;
        _failingCall = failingCall;
    }

    public NetworkSpec Spec => _inner.Spec;

    public Span<float> Parameters => _inner.Parameters;

    public Span<float> Gradients => _inner.Gradients;

    public void Initialize(ulong seed) => _inner.Initialize(seed);

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => _inner.Forward(inputs, outputs, batchSize);

    public void ApplySgd(float learningRate) => _inner.ApplySgd(learningRate);

    public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize)
    {
        if (++_calls == _failingCall)
            throw new InvalidOperationException($"injected failure in Backward call {_calls}");
        return _inner.Backward(inputs, targets, batchSize);
    }

    public float InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, Span<float> inputGradients) =>
        _inner.InputGradient(inputs, targets, batchSize, inputGradients);

    public float HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, ReadOnlySpan<float> v, Span<float> result) =>
        _inner.HessianVectorProduct(inputs, targets, batchSize, v, result);

    public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize, float learningRate) =>
        _inner.TrainBatch(inputs, targets, batchSize, learningRate);

    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, float learningRate, int batchSize) =>
        _inner.TrainEpoch(inputs, targets, count, learningRate, batchSize);

    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, float learningRate, int batchSize, GradientHealth health) =>
        _inner.TrainEpoch(inputs, targets, count, learningRate, batchSize, health);

    public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count) => _inner.Evaluate(inputs, targets, count);
}
