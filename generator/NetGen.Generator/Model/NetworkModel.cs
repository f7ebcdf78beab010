using System.Linq;

namespace NetGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one network, as plain values: equal models produce equal source, and the
/// incremental pipeline caches on that equality.
/// </summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="TypeName">The class's name.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="HintName">The unique file name of the generated source.</param>
/// <param name="InputSize">Features per sample.</param>
/// <param name="Loss">The training loss.</param>
/// <param name="Reduction">The batch reduction.</param>
/// <param name="MaxBatch">Capacity of the batch buffers.</param>
/// <param name="Layers">Layers from input to output.</param>
internal sealed record NetworkModel(
    string? Namespace,
    string TypeName,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string HintName,
    int InputSize,
    Loss Loss,
    Reduction Reduction,
    int MaxBatch,
    EquatableArray<LayerModel> Layers)
{
    public int OutputSize => Layers[Layers.Count - 1].Units;

    public int ParameterCount => Layers.Sum(layer => layer.ParameterCount);

    public bool IsClassifier => Loss == Loss.SoftmaxCrossEntropy;

    public LayerModel OutputLayer => Layers[Layers.Count - 1];
}
