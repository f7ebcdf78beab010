namespace NetGen.Onnx;

/// <summary>How <see cref="OnnxModel"/> writes a network; the defaults suit most uses.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>The options every export uses unless told otherwise.</summary>
    public static OnnxExportOptions Default { get; } = new();

    /// <summary>An operator after the last layer; <see cref="OnnxHead.None"/> (the default) exports <c>Forward</c> exactly.</summary>
    public OnnxHead Head { get; init; } = OnnxHead.None;

    /// <summary>The graph input's name, shaped <c>[batch, InputSize]</c>; <c>"input"</c> by default.</summary>
    public string InputName { get; init; } = "input";

    /// <summary>The graph output's name, shaped <c>[batch, OutputSize]</c>; <c>"output"</c> by default.</summary>
    public string OutputName { get; init; } = "output";

    /// <summary>The graph's name; null (the default) takes the network class's name.</summary>
    public string? GraphName { get; init; }
}
