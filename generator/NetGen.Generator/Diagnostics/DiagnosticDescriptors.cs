using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are contiguous from NG0001 and never reused; each is tracked in
/// AnalyzerReleases.Unshipped.md and listed in the README's diagnostics table.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NetGen";

    /// <summary>NG0001: "The network class '{0}' must be declared partial so that NetGen can add the trainer to it: write 'partial class {0}'".</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "NG0001",
        "Network class is not partial",
        "The network class '{0}' must be declared partial so that NetGen can add the trainer to it: write 'partial class {0}'");

    /// <summary>NG0002: "'{0}' has [Dense] layers but no [Network] attribute: add [Network(inputs)] to the class, or remove the [Dense] attributes".</summary>
    public static readonly DiagnosticDescriptor DenseWithoutNetwork = Error(
        "NG0002",
        "Layer without a network",
        "'{0}' has [Dense] layers but no [Network] attribute: add [Network(inputs)] to the class, or remove the [Dense] attributes");

    /// <summary>NG0003: "The network '{0}' has no layers: add at least one [Dense(units)] attribute to the class, the output layer last".</summary>
    public static readonly DiagnosticDescriptor NetworkWithoutLayers = Error(
        "NG0003",
        "Network without layers",
        "The network '{0}' has no layers: add at least one [Dense(units)] attribute to the class, the output layer last");

    /// <summary>NG0004: "The network '{0}' declares {1} inputs; the number of inputs must be from 1 to {2}: set the argument of [Network] to the number of features per sample".</summary>
    public static readonly DiagnosticDescriptor InputsOutOfRange = Error(
        "NG0004",
        "Input size out of range",
        "The network '{0}' declares {1} inputs; the number of inputs must be from 1 to {2}: set the argument of [Network] to the number of features per sample");

    /// <summary>NG0005: "Layer {1} of '{0}' declares {2} units; a layer must have from 1 to {3} units: change the first argument of this [Dense]".</summary>
    public static readonly DiagnosticDescriptor UnitsOutOfRange = Error(
        "NG0005",
        "Layer width out of range",
        "Layer {1} of '{0}' declares {2} units; a layer must have from 1 to {3} units: change the first argument of this [Dense]");

    /// <summary>NG0006: "MaxBatch of '{0}' is {1}; it must be from 1 to {2}: set MaxBatch to the largest batch the network will be given".</summary>
    public static readonly DiagnosticDescriptor MaxBatchOutOfRange = Error(
        "NG0006",
        "MaxBatch out of range",
        "MaxBatch of '{0}' is {1}; it must be from 1 to {2}: set MaxBatch to the largest batch the network will be given");

    /// <summary>NG0007: "The network class '{0}' is generic or nested in a generic type, but every size of a network is a constant: declare the network on a non-generic class outside any generic type".</summary>
    public static readonly DiagnosticDescriptor GenericNetwork = Error(
        "NG0007",
        "Generic network class",
        "The network class '{0}' is generic or nested in a generic type, but every size of a network is a constant: declare the network on a non-generic class outside any generic type");

    /// <summary>NG0008: "The layers of '{0}' are split across several partial declarations, so their order is ambiguous: put every [Dense] attribute on one declaration".</summary>
    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "NG0008",
        "Layers split across partial declarations",
        "The layers of '{0}' are split across several partial declarations, so their order is ambiguous: put every [Dense] attribute on one declaration");

    /// <summary>NG0009: "'{0}' has more than one [Network] attribute; a class declares one network: remove this one, or declare the second network on its own class".</summary>
    public static readonly DiagnosticDescriptor DuplicateNetwork = Error(
        "NG0009",
        "More than one [Network]",
        "'{0}' has more than one [Network] attribute; a class declares one network: remove this one, or declare the second network on its own class");

    /// <summary>NG0010: "SoftmaxCrossEntropy needs at least 2 classes, but the output layer of '{0}' has {1} unit: widen the output layer to the number of classes, or use Loss.SquaredError for a single real output".</summary>
    public static readonly DiagnosticDescriptor SoftmaxNeedsTwoClasses = Error(
        "NG0010",
        "Softmax over a single output",
        "SoftmaxCrossEntropy needs at least 2 classes, but the output layer of '{0}' has {1} unit: widen the output layer to the number of classes, or use Loss.SquaredError for a single real output");

    /// <summary>NG0011: "SoftmaxCrossEntropy applies softmax to the logits itself, so the output layer of '{0}' must not have an activation of its own: use Activation.Identity (the default) instead of Activation.{1}".</summary>
    public static readonly DiagnosticDescriptor SoftmaxAfterActivation = Error(
        "NG0011",
        "Softmax after an output activation",
        "SoftmaxCrossEntropy applies softmax to the logits itself, so the output layer of '{0}' must not have an activation of its own: use Activation.Identity (the default) instead of Activation.{1}");

    /// <summary>NG0012: "Layer {1} of '{0}' feeds another layer but its weights start at zero: every unit would compute and learn the same thing; use WeightInit = Init.XavierNormal, Init.HeNormal or Init.ScaledNormal".</summary>
    public static readonly DiagnosticDescriptor ZeroInitHiddenLayer = Warning(
        "NG0012",
        "Hidden layer initialized to zero",
        "Layer {1} of '{0}' feeds another layer but its weights start at zero: every unit would compute and learn the same thing; use WeightInit = Init.XavierNormal, Init.HeNormal or Init.ScaledNormal");

    /// <summary>NG0013: "{1} of '{0}' is {2}, which is not a member of NetGen.{3}: use one of {4}".</summary>
    public static readonly DiagnosticDescriptor UnknownEnumValue = Error(
        "NG0013",
        "Unknown enum value",
        "{1} of '{0}' is {2}, which is not a member of NetGen.{3}: use one of {4}");

    /// <summary>NG0014: "The network '{0}' has {1} parameters, above the limit of {2}: narrow its widest layers or its inputs".</summary>
    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "NG0014",
        "Too many parameters",
        "The network '{0}' has {1} parameters, above the limit of {2}: narrow its widest layers or its inputs");

    /// <summary>NG0015: "The network '{0}' has {1} layers, above the limit of {2}: remove this [Dense] and the ones after it, or merge layers".</summary>
    public static readonly DiagnosticDescriptor TooManyLayers = Error(
        "NG0015",
        "Too many layers",
        "The network '{0}' has {1} layers, above the limit of {2}: remove this [Dense] and the ones after it, or merge layers");

    /// <summary>NG0016: "MaxBatch {1} of '{0}' needs {2} floats of activation and gradient buffers, above the limit of {3}: set MaxBatch to at most {4}".</summary>
    public static readonly DiagnosticDescriptor BuffersTooLarge = Error(
        "NG0016",
        "Batch buffers too large",
        "MaxBatch {1} of '{0}' needs {2} floats of activation and gradient buffers, above the limit of {3}: set MaxBatch to at most {4}");

    /// <summary>NG0017: "'{0}' encloses the network '{1}' and must be declared partial too, so that NetGen can add to the nested class: write 'partial' on '{0}'".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "NG0017",
        "Enclosing type is not partial",
        "'{0}' encloses the network '{1}' and must be declared partial too, so that NetGen can add to the nested class: write 'partial' on '{0}'");

    /// <summary>NG0018: "The network class '{0}' is static, but a network holds its parameters in an instance: remove 'static'".</summary>
    public static readonly DiagnosticDescriptor StaticNetwork = Error(
        "NG0018",
        "Static network class",
        "The network class '{0}' is static, but a network holds its parameters in an instance: remove 'static'");

    /// <summary>NG0019: "'{0}' is a record, but NetGen extends networks as a 'partial class' and a record's value equality does not suit a mutable parameter buffer: declare it as 'partial class {0}'".</summary>
    public static readonly DiagnosticDescriptor RecordNetwork = Error(
        "NG0019",
        "Network declared on a record",
        "'{0}' is a record, but NetGen extends networks as a 'partial class' and a record's value equality does not suit a mutable parameter buffer: declare it as 'partial class {0}'");

    /// <summary>NG0020: "The network class '{0}' is file-local ('{1}' is declared 'file'), so the trainer NetGen generates into its own file cannot extend it: remove the 'file' modifier".</summary>
    public static readonly DiagnosticDescriptor FileLocalNetwork = Error(
        "NG0020",
        "File-local network class",
        "The network class '{0}' is file-local ('{1}' is declared 'file'), so the trainer NetGen generates into its own file cannot extend it: remove the 'file' modifier");

    /// <summary>NG0021: "The network class '{0}' derives from the network '{1}', whose generated members it would hide: derive '{0}' from a class that is not a network, and hold a '{1}' in a field if it needs one".</summary>
    public static readonly DiagnosticDescriptor NetworkDerivesFromNetwork = Error(
        "NG0021",
        "Network derives from a network",
        "The network class '{0}' derives from the network '{1}', whose generated members it would hide: derive '{0}' from a class that is not a network, and hold a '{1}' in a field if it needs one");

    /// <summary>
    /// NG0022: "'{0}' declares a member named '{1}', which the generated trainer also declares: rename '{1}'". The names
    /// are those of <see cref="KnownNames.IsGeneratedMemberName"/>: the public API, the private fields, constants, methods
    /// and nested types of the trainer, and its per-layer members.
    /// </summary>
    public static readonly DiagnosticDescriptor MemberNameTaken = Error(
        "NG0022",
        "Member name used by the generated trainer",
        "'{0}' declares a member named '{1}', which the generated trainer also declares: rename '{1}'");

    /// <summary>NG0023: "Layer {1} of '{0}' sets BiasInit but has Bias = false, so it has no bias to initialize: remove BiasInit, or set Bias = true".</summary>
    public static readonly DiagnosticDescriptor BiasInitWithoutBias = Warning(
        "NG0023",
        "BiasInit on a layer without bias",
        "Layer {1} of '{0}' sets BiasInit but has Bias = false, so it has no bias to initialize: remove BiasInit, or set Bias = true");

    /// <summary>
    /// NG0024: "The network class '{0}' has the name of a member the generated trainer declares: rename the class". C#
    /// forbids a member named like its enclosing type (CS0542), and the trainer's members cannot be renamed.
    /// </summary>
    public static readonly DiagnosticDescriptor ClassNameTaken = Error(
        "NG0024",
        "Network class named like a generated member",
        "The network class '{0}' has the name of a member the generated trainer declares: rename the class");

    /// <summary>
    /// NG0025: "'{0}' inherits a member named '{1}' from '{2}', which the generated trainer also declares: rename '{1}'
    /// in '{2}', or do not derive '{0}' from it". The sibling of NG0022 for members of a base class that is not a network
    /// (a network base is NG0021): the fix is in the base class, so the message names it.
    /// </summary>
    public static readonly DiagnosticDescriptor InheritedMemberNameTaken = Error(
        "NG0025",
        "Inherited member name used by the generated trainer",
        "'{0}' inherits a member named '{1}' from '{2}', which the generated trainer also declares: rename '{1}' in '{2}', or do not derive '{0}' from it");

    /// <summary>
    /// NG0026: "Layer {1} of '{0}' has NegativeSlope {2}: the LeakyReLU slope must be finite and in [0, 1); use a small
    /// slope such as 0.01 (the default)". A slope of 1 or more (or a negative one) makes the activation non-monotonic or
    /// linear, and the generated guard's bound assumes |sigma'| &lt;= 1.
    /// </summary>
    public static readonly DiagnosticDescriptor NegativeSlopeOutOfRange = Error(
        "NG0026",
        "LeakyReLU NegativeSlope not finite or outside [0, 1)",
        "Layer {1} of '{0}' has NegativeSlope {2}: the LeakyReLU slope must be finite and in [0, 1); use a small slope such as 0.01 (the default)");

    /// <summary>NG0027: "Layer {1} of '{0}' sets NegativeSlope but its activation is {2}: remove NegativeSlope, or use Activation.LeakyReLU".</summary>
    public static readonly DiagnosticDescriptor NegativeSlopeWithoutLeakyReLU = Warning(
        "NG0027",
        "NegativeSlope on a layer that is not LeakyReLU",
        "Layer {1} of '{0}' sets NegativeSlope but its activation is {2}: remove NegativeSlope, or use Activation.LeakyReLU");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: message + ".");

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: message + ".");
}
