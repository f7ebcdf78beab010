using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace NetGen.Specification;

/// <summary>
/// A network declaration as data: input size, layers, loss, batch reduction and batch capacity. Every generated
/// network exposes its own as <c>static NetworkSpec Spec</c>; the reference interpreter and tools are built from it.
/// </summary>
/// <remarks>
/// The constructor enforces the rules the generator enforces at build time (see <see cref="NetworkLimits"/>),
/// so a spec built by hand is as valid as a declared one.
/// </remarks>
public sealed class NetworkSpec : IEquatable<NetworkSpec>
{
    private readonly LayerSpec[] _layers;

    /// <summary>Builds and validates a network specification.</summary>
    /// <param name="inputs">The number of input features per sample.</param>
    /// <param name="layers">The layers from input to output; at least one.</param>
    /// <param name="loss">The training loss.</param>
    /// <param name="reduction">How per-sample losses combine over a batch.</param>
    /// <param name="maxBatch">The largest batch a call accepts.</param>
    /// <exception cref="ArgumentException">The declaration breaks one of the rules of <see cref="NetworkLimits"/> or of the loss.</exception>
    public NetworkSpec(
        int inputs,
        IReadOnlyList<LayerDeclaration> layers,
        Loss loss = Loss.SoftmaxCrossEntropy,
        Reduction reduction = Reduction.Mean,
        int maxBatch = NetworkAttribute.DefaultMaxBatch)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (inputs < 1 || inputs > NetworkLimits.MaxWidth)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"The number of inputs must be from 1 to {NetworkLimits.MaxWidth}.");
        if (layers.Count == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        if (layers.Count > NetworkLimits.MaxLayers)
            throw new ArgumentException($"A network has at most {NetworkLimits.MaxLayers} layers; got {layers.Count}.", nameof(layers));
        if (!Enum.IsDefined(loss))
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        if (maxBatch < 1 || maxBatch > NetworkLimits.MaxBatch)
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, $"MaxBatch must be from 1 to {NetworkLimits.MaxBatch}.");

        _layers = new LayerSpec[layers.Count];
        long offset = 0;
        int fanIn = inputs;
        long activations = inputs;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerDeclaration d = layers[i];
            if (d.Units < 1 || d.Units > NetworkLimits.MaxWidth)
                throw new ArgumentException($"Layer {i + 1} has {d.Units} units; a layer has from 1 to {NetworkLimits.MaxWidth}.", nameof(layers));
            if (!Enum.IsDefined(d.Activation) || !Enum.IsDefined(d.WeightInit) || !Enum.IsDefined(d.BiasInit))
                throw new ArgumentException($"Layer {i + 1} uses an activation or initializer value that is not defined.", nameof(layers));
            if (!(d.NegativeSlope >= 0 && d.NegativeSlope < 1))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Layer {i + 1} has NegativeSlope {d.NegativeSlope}; it must be finite and in [0, 1)."), nameof(layers));
            long count = (long)fanIn * d.Units + (d.Bias ? d.Units : 0);
            if (offset + count > NetworkLimits.MaxParameterCount)
                throw new ArgumentException($"The network has more than {NetworkLimits.MaxParameterCount} parameters.", nameof(layers));
            _layers[i] = new LayerSpec(i, fanIn, d, (int)offset);
            offset += count;
            activations += d.Units;
            fanIn = d.Units;
        }

        if (activations * maxBatch * 2 > NetworkLimits.MaxBufferFloats)
            throw new ArgumentException($"MaxBatch {maxBatch} times the network's widths needs more than {NetworkLimits.MaxBufferFloats} buffer floats.", nameof(maxBatch));
        if (loss == Loss.SoftmaxCrossEntropy)
        {
            LayerSpec last = _layers[^1];
            if (last.Units < 2)
                throw new ArgumentException("SoftmaxCrossEntropy needs an output layer of at least 2 units (classes).", nameof(layers));
            if (last.Activation != Activation.Identity)
                throw new ArgumentException($"SoftmaxCrossEntropy applies softmax to the logits itself; the output layer's activation must be Identity, not {last.Activation}.", nameof(layers));
        }

        InputSize = inputs;
        Loss = loss;
        Reduction = reduction;
        MaxBatch = maxBatch;
        ParameterCount = (int)offset;
        Layers = new ReadOnlyCollection<LayerSpec>(_layers);
    }

    /// <summary>The number of input features per sample.</summary>
    public int InputSize { get; }

    /// <summary>The number of outputs per sample (the last layer's units).</summary>
    public int OutputSize => _layers[^1].Units;

    /// <summary>The training loss.</summary>
    public Loss Loss { get; }

    /// <summary>How per-sample losses combine over a batch.</summary>
    public Reduction Reduction { get; }

    /// <summary>The largest batch a call accepts.</summary>
    public int MaxBatch { get; }

    /// <summary>The total number of parameters (weights and biases), the length of <c>Parameters</c>.</summary>
    public int ParameterCount { get; }

    /// <summary>The layers from input to output.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Whether the targets are class labels (softmax cross-entropy) rather than real vectors.</summary>
    public bool IsClassifier => Loss == Loss.SoftmaxCrossEntropy;

    /// <summary>A one-line description, e.g. <c>784 -> 100 ReLU -> 10 | SoftmaxCrossEntropy, Mean | 79,400 parameters</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(InputSize.ToString(CultureInfo.InvariantCulture));
        foreach (LayerSpec layer in _layers)
        {
            text.Append(" -> ").Append(layer.Units.ToString(CultureInfo.InvariantCulture));
            if (layer.Activation != Activation.Identity) text.Append(' ').Append(layer.Activation);
            if (layer.Activation == Activation.LeakyReLU) text.Append('(').Append(layer.NegativeSlope.ToString(CultureInfo.InvariantCulture)).Append(')');
            if (!layer.HasBias) text.Append(" (no bias)");
        }

        text.Append(" | ").Append(Loss).Append(", ").Append(Reduction)
            .Append(" | ").Append(ParameterCount.ToString("N0", CultureInfo.InvariantCulture)).Append(" parameters");
        return text.ToString();
    }

    /// <inheritdoc />
    public bool Equals(NetworkSpec? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (InputSize != other.InputSize || Loss != other.Loss || Reduction != other.Reduction
            || MaxBatch != other.MaxBatch || _layers.Length != other._layers.Length)
            return false;
        for (int i = 0; i < _layers.Length; i++)
            if (!_layers[i].Equals(other._layers[i])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NetworkSpec);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(InputSize);
        hash.Add(Loss);
        hash.Add(Reduction);
        hash.Add(MaxBatch);
        foreach (LayerSpec layer in _layers) hash.Add(layer);
        return hash.ToHashCode();
    }
}
