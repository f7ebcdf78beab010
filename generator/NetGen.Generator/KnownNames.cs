using System;
using System.Globalization;

namespace NetGen.Generator;

/// <summary>Every metadata and type name the generator looks for or writes, in one place.</summary>
internal static class KnownNames
{
    public const string NetworkAttribute = "NetGen.NetworkAttribute";
    public const string DenseAttribute = "NetGen.DenseAttribute";

    public const string NetworkAttributeInputs = "inputs";
    public const string NetworkAttributeLoss = "Loss";
    public const string NetworkAttributeReduction = "Reduction";
    public const string NetworkAttributeMaxBatch = "MaxBatch";

    public const string DenseAttributeUnits = "units";
    public const string DenseAttributeActivation = "activation";
    public const string DenseAttributeBias = "Bias";
    public const string DenseAttributeWeightInit = "WeightInit";
    public const string DenseAttributeBiasInit = "BiasInit";
    public const string DenseAttributeNegativeSlope = "NegativeSlope";

    /// <summary>The default LeakyReLU slope, as <c>DenseAttribute.DefaultNegativeSlope</c> (torch's 0.01).</summary>
    public const float DefaultNegativeSlope = 0.01f;

    /// <summary>The value of <c>NetworkAttribute.DefaultMaxBatch</c> (the generator cannot reference the runtime).</summary>
    public const int DefaultMaxBatch = 256;

    /// <summary>The public members every generated network declares (per-layer views are in <see cref="PerLayerMemberNames"/>).</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "InputSize", "OutputSize", "MaxBatch", "ParameterCount", "Spec", "Parameters", "Gradients", "Initialize",
        "Forward", "Backward", "InputGradient", "ApplySgd", "TrainBatch", "TrainEpoch", "Evaluate", "Predict",
        "HessianVectorProduct",
    };

    /// <summary>
    /// The private members the trainer declares in the user's class: only the field that holds the machinery and the
    /// machinery's nested class (buffers, passes, kernels and workers live inside it, out of the user's scope). A user
    /// member of either name would collide with them (CS0102) inside generated code.
    /// </summary>
    public static readonly string[] PrivateMemberNames = { Emitting.Names.Core, Emitting.Names.CoreField };

    /// <summary>
    /// The members the trainer declares once per layer, as prefix and suffix around the layer number 1 to n: the public
    /// views of each layer's weights and bias and of their gradients.
    /// </summary>
    public static readonly (string Prefix, string Suffix)[] PerLayerMemberNames =
    {
        ("W", ""), ("B", ""), ("GradW", ""), ("GradB", ""),
    };

    /// <summary>
    /// Whether the trainer NetGen generates for a network of <paramref name="layers"/> layers declares a member named
    /// <paramref name="name"/> (any accessibility, nested types included): a member of the user's
    /// under that name would break the generated code. (The generated file declares no aliases: it names every other
    /// type by its <c>global::</c> name, which no user declaration can capture.) Per-layer names count only for layers 1 to
    /// <paramref name="layers"/>, written without leading zeros (<c>W2</c> is free in a one-layer network, <c>W01</c> always).
    /// </summary>
    public static bool IsGeneratedMemberName(string name, int layers)
    {
        if (Array.IndexOf(GeneratedMemberNames, name) >= 0
            || Array.IndexOf(PrivateMemberNames, name) >= 0)
            return true;
        foreach ((string prefix, string suffix) in PerLayerMemberNames)
        {
            if (name.Length > prefix.Length + suffix.Length
                && name.StartsWith(prefix, StringComparison.Ordinal)
                && name.EndsWith(suffix, StringComparison.Ordinal)
                && IsLayerNumber(name.Substring(prefix.Length, name.Length - prefix.Length - suffix.Length), layers))
                return true;
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> is a layer number from 1 to <paramref name="layers"/> as the emitter writes it.</summary>
    private static bool IsLayerNumber(string text, int layers) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int layer)
        && layer >= 1 && layer <= layers
        && text == layer.ToString(CultureInfo.InvariantCulture);
}
