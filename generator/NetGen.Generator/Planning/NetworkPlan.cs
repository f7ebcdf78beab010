using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Every decision the emitters need about one network, computed once from its model by <see cref="NetworkPlanner"/>
/// before any text is written: per layer its shapes, offsets, buffers, kernels and thread pieces; for the network the
/// lists' length and how a step is cut into pieces for threads. Plain values, equal when the decisions are.
/// </summary>
/// <param name="Model">The declaration the plan is made for.</param>
/// <param name="Layers">One plan per layer, input to output.</param>
/// <param name="ListStride">The length of a list of nonzero inputs (or rows) and of each value list beside it.</param>
/// <param name="RowsPerPiece">The rows of a piece of the threaded rows phase (a multiple of every row block).</param>
/// <param name="InputsPerPiece">The inputs of a piece of the threaded update phase.</param>
internal sealed record NetworkPlan(
    NetworkModel Model,
    EquatableArray<LayerPlan> Layers,
    int ListStride,
    int RowsPerPiece,
    int InputsPerPiece)
{
    public int InputSize => Model.InputSize;

    public int OutputSize => Model.OutputSize;

    public int MaxBatch => Model.MaxBatch;

    public int ParameterCount => Model.ParameterCount;

    public Loss Loss => Model.Loss;

    public Reduction Reduction => Model.Reduction;

    public bool IsClassifier => Model.IsClassifier;

    public string TypeName => Model.TypeName;

    public LayerPlan OutputLayer => Layers[Layers.Count - 1];

    /// <summary>Whether any layer's backward kernel reads a transposed copy of its weights.</summary>
    public bool AnyTransposedWeights => Layers.Any(layer => layer.HasTransposedWeights);

    /// <summary>Whether any layer walks lists of its nonzero inputs (so workspaces hold lists).</summary>
    public bool AnyListedInputs => Layers.Any(layer => layer.ListsInputs);

    /// <summary>The pieces of the threaded update phase, over all layers.</summary>
    public int UpdatePieces => Layers.Sum(layer => layer.UpdatePieces);

    /// <summary>The layer before <paramref name="layer"/>; it must not be the first.</summary>
    public LayerPlan Before(LayerPlan layer) => Layers[layer.Index - 1];

    /// <summary>The layer after <paramref name="layer"/>; it must not be the last.</summary>
    public LayerPlan After(LayerPlan layer) => Layers[layer.Index + 1];
}
