using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Specification;

namespace NetGen.Checkpoints;

/// <summary>One named tensor of a network's parameters, as a checkpoint stores it: <c>W1</c> <c>[inputs, units]</c>, <c>b1</c> <c>[units]</c>, ...</summary>
internal sealed class CheckpointTensor
{
    private CheckpointTensor(string name, int offset, int[] shape, string description)
    {
        Name = name;
        Offset = offset;
        Shape = shape;
        Description = description;
        Count = 1;
        foreach (int dimension in shape) Count *= dimension;
    }

    /// <summary>The array name: <c>W1</c>, <c>b1</c>, <c>W2</c>, ...</summary>
    public string Name { get; }

    /// <summary>Where the tensor starts in the parameter buffer.</summary>
    public int Offset { get; }

    /// <summary>The number of elements.</summary>
    public int Count { get; }

    /// <summary>The shape: <c>[inputs, units]</c> for weights, <c>[units]</c> for a bias.</summary>
    public int[] Shape { get; }

    /// <summary>What the tensor is, for messages: <c>layer 1 weights, 784 inputs x 100 units</c>.</summary>
    public string Description { get; }

    /// <summary>Where element <paramref name="index"/> (row-major) is, for messages: <c>[3, 17]</c> or <c>[5]</c>.</summary>
    /// <param name="index">The element's index in the tensor.</param>
    /// <returns>Its coordinates in numpy's notation.</returns>
    public string DescribeIndex(int index) => Shape.Length == 2
        ? string.Create(CultureInfo.InvariantCulture, $"[{index / Shape[1]}, {index % Shape[1]}]")
        : string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    /// <summary>The tensors of a network in parameter order: each layer's weights, then its bias if it has one.</summary>
    /// <param name="spec">The network.</param>
    /// <returns>The tensors.</returns>
    public static List<CheckpointTensor> ListFor(NetworkSpec spec)
    {
        var tensors = new List<CheckpointTensor>(2 * spec.Layers.Count);
        foreach (LayerSpec layer in spec.Layers)
        {
            int number = layer.Index + 1;
            tensors.Add(new CheckpointTensor(
                layer.WeightName,
                layer.WeightOffset,
                [layer.Inputs, layer.Units],
                string.Create(CultureInfo.InvariantCulture, $"layer {number} weights, {layer.Inputs} inputs x {layer.Units} units")));
            if (layer.HasBias)
                tensors.Add(new CheckpointTensor(
                    layer.BiasName,
                    layer.BiasOffset,
                    [layer.Units],
                    string.Create(CultureInfo.InvariantCulture, $"layer {number} bias, {layer.Units} units")));
        }

        return tensors;
    }

    /// <summary>The tensor called <paramref name="name"/> (case-sensitive), or <see langword="null"/>.</summary>
    public static CheckpointTensor? Find(List<CheckpointTensor> tensors, string name) =>
        tensors.Find(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The names of the tensors, for messages: <c>W1, b1, W2</c>.</summary>
    public static string Names(List<CheckpointTensor> tensors) => string.Join(", ", tensors.ConvertAll(t => t.Name));
}
