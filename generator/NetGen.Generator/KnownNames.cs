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

    /// <summary>The value of <c>NetworkAttribute.DefaultMaxBatch</c> (the generator cannot reference the runtime).</summary>
    public const int DefaultMaxBatch = 256;

    /// <summary>The public members every generated network declares (per-layer views are checked separately).</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "InputSize", "OutputSize", "MaxBatch", "ParameterCount", "Spec", "Parameters", "Gradients", "Initialize",
        "Forward", "Backward", "InputGradient", "ApplySgd", "TrainBatch", "TrainEpoch", "Evaluate", "Predict",
        "HessianVectorProduct",
    };

    /// <summary>
    /// Whether <paramref name="name"/> is a public member NetGen generates for a network of <paramref name="layers"/>
    /// layers: the fixed API, or a tensor view <c>W{n}</c>, <c>B{n}</c>, <c>GradW{n}</c>, <c>GradB{n}</c>.
    /// </summary>
    public static bool IsGeneratedMemberName(string name, int layers)
    {
        if (System.Array.IndexOf(GeneratedMemberNames, name) >= 0)
            return true;
        string stem = name.StartsWith("Grad", System.StringComparison.Ordinal) ? name.Substring(4) : name;
        return stem.Length > 1
            && (stem[0] == 'W' || stem[0] == 'B')
            && int.TryParse(stem.Substring(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int layer)
            && layer >= 1 && layer <= layers
            && stem.Substring(1) == layer.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
