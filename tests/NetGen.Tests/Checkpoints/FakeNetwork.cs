using System;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>A stand-in for a generated network: only <see cref="Spec"/> and <see cref="Parameters"/> are real.</summary>
internal sealed class FakeNetwork : INetwork
{
    private readonly float[] _parameters;

    public FakeNetwork(NetworkSpec spec)
    {
        Spec = spec;
        _parameters = new float[spec.ParameterCount];
    }

    public NetworkSpec Spec { get; }

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => throw new NotSupportedException();

    public void Initialize(ulong seed) => throw new NotSupportedException();

    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) => throw new NotSupportedException();

    public void ApplySgd(float learningRate) => throw new NotSupportedException();
}
