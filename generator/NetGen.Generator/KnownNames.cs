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
}
