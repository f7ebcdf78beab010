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
    /// The private members the trainer declares in the same partial class, some only for some shapes (<c>_labels</c>
    /// for a classifier, <c>_targets</c> for a regressor, <c>TransposeWeights</c> when a layer reads transposed
    /// weights). A user member of the same name would collide with them (CS0102, CS0111) inside generated code.
    /// </summary>
    public static readonly string[] PrivateMemberNames =
    {
        // Shapes, SIMD width, buffers and the team of worker threads.
        "Lanes", "ListStride", "RowsPhase", "UpdatePhase", "RowsPerPiece", "InputsPerPiece", "UpdatePieces",
        "_parameters", "_gradients", "_labels", "_targets", "_rowLosses", "_workspaces", "_team", "_teamWork", "_callerGate",
        "_stepRows", "_stepLearningRate", "_guardBatch", "_guardFirstRow", "_guardBackup", "_hessian",
        "Workspace", "HessianBuffers", "TeamWork",

        // The passes behind the public API.
        "RunForward", "RunBackward", "RunTrainStep", "RunHessianVectorProduct", "RowsPass", "SumRowLosses", "RunPhase",
        "UpdatePiece", "Team", "TransposeWeights", "OutputGradient", "OutputLoss", "SetTargets", "WidenLabels",
        "ROutputGradient", "GuardBeforeStep", "GuardAfterStep", "GuardGradients", "GuardLoss", "ThrowDiverged",
    };

    /// <summary>
    /// The members the trainer declares once per layer, as prefix and suffix around the layer number 1 to n: the public
    /// tensor views, the private shapes and offsets, the per-layer passes and the per-layer work buffers.
    /// </summary>
    public static readonly (string Prefix, string Suffix)[] PerLayerMemberNames =
    {
        ("W", ""), ("B", ""), ("GradW", ""), ("GradB", ""),
        ("L", "Inputs"), ("L", "Units"), ("L", "Pieces"), ("W", "Offset"), ("B", "Offset"),
        ("ForwardLayer", ""), ("BackwardLayer", ""), ("PropagateLayer", ""), ("UpdateLayer", ""),
        ("RForwardLayer", ""), ("RBackwardLayer", ""), ("RPropagateLayer", ""),
        ("_z", ""), ("_p", ""), ("_g", ""), ("_w", "t"),
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
