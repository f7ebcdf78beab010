using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The names one layer's code and comments use, in the course's notation: layer n maps its input <c>Z{n-1}</c>
/// (<c>X</c> for the first layer) to <c>Z{n} = sigma(Z{n-1} W{n} + b{n})</c>; <c>P{n}</c> is the pre-activation,
/// kept only where the derivative needs it; <c>G{n}</c> is the gradient of the loss with respect to the
/// pre-activation of layer n, the notes' <c>G</c>.
/// </summary>
internal sealed class LayerTerms
{
    public LayerTerms(LayerModel layer, LayerModel? previous, int maxBatch = 0)
    {
        BatchBound = maxBatch == 1 ? "1" : "m";
        Layer = layer;
        string n = Names.Int(layer.Number);
        N = n;
        Input = previous is null ? "X" : "Z" + Names.Int(previous.Number);
        Output = "Z" + n;
        Pre = "P" + n;
        Weights = "W" + n;
        Bias = "b" + n;
        Delta = "G" + n;
        InputsConst = "L" + n + "Inputs";
        UnitsConst = "L" + n + "Units";
        WeightOffset = "W" + n + "Offset";
        BiasOffset = "B" + n + "Offset";
        OutputField = "_z" + n;
        PreField = "_p" + n;
        DeltaField = "_g" + n;
        KeepsPreActivation = layer.Activation is Activation.Sigmoid or Activation.Tanh or Activation.Softplus;
        SparseInput = previous is null || previous.Activation == Activation.ReLU;
        UsesLists = previous is null && layer.Inputs >= MinListInputs;
        Previous = previous;
    }

    /// <summary>
    /// The bound of a loop over the batch's rows: <c>m</c>, or the literal 1 for a network of <c>MaxBatch = 1</c>, whose
    /// loops over the batch the JIT then unrolls away (the tiny networks called one sample at a time).
    /// </summary>
    public string BatchBound { get; }

    /// <summary>The fewest inputs for which the first layer lists its nonzero inputs instead of reading them all.</summary>
    public const int MinListInputs = 32;

    /// <summary>The most vectors of units a kernel keeps in registers per row: 13 covers 100 units at 8 lanes.</summary>
    public const int MaxRegisterVectors = 13;

    /// <summary>
    /// The vectors a register block holds per row for <paramref name="units"/> units, as counted at 8 lanes (the x64
    /// default): all of them up to <see cref="MaxRegisterVectors"/>.
    /// </summary>
    public static int VectorsFor(int units) => System.Math.Max(1, System.Math.Min(MaxRegisterVectors, (units + 7) / 8));

    /// <summary>
    /// The rows (or inputs) a register block shares each loaded vector between: as many as fit in 32 vector registers
    /// (x64 with AVX-512, Arm64) beside one loaded vector and their broadcasts: 4 rows of up to 6 vectors, else 2.
    /// </summary>
    public static int RowsFor(int vectors) => vectors <= 6 ? 4 : 2;

    public LayerModel Layer { get; }

    /// <summary>The layer before, or null for the first layer (whose input is the user's <c>X</c>).</summary>
    public LayerModel? Previous { get; }

    public string N { get; }

    public string Input { get; }

    public string Output { get; }

    public string Pre { get; }

    public string Weights { get; }

    public string Bias { get; }

    public string Delta { get; }

    public string InputsConst { get; }

    public string UnitsConst { get; }

    public string WeightOffset { get; }

    public string BiasOffset { get; }

    public string OutputField { get; }

    public string PreField { get; }

    public string DeltaField { get; }

    /// <summary>Whether the derivative of the activation needs the pre-activation (sigmoid, tanh, softplus).</summary>
    public bool KeepsPreActivation { get; }

    /// <summary>
    /// Whether the input is often zero, so that kernels skip zero inputs: the network's input (pixels are mostly
    /// 0) or a ReLU layer's output (about half 0).
    /// </summary>
    public bool SparseInput { get; }

    /// <summary>
    /// Whether the layer's kernels walk lists of the nonzero inputs (<c>NetGen.Kernels.Sparse</c>) instead of every
    /// input: the first layer of a wide input, whose zeros (81% of MNIST's pixels) are worth a list.
    /// </summary>
    public bool UsesLists { get; }

    /// <summary>
    /// Whether the backward kernel reads a transposed copy of the weights (<see cref="TransposedField"/>): it sums over the
    /// layer's units for each unit of the layer before, vectorized along the latter, whose weights are then contiguous.
    /// A layer of fewer than 4 units takes its few products straight from the weights instead.
    /// </summary>
    public bool UsesTransposed => Previous is not null && Layer.Units >= 4;

    /// <summary>The transposed copy of the weights the backward kernel reads: <c>_w2t</c>.</summary>
    public string TransposedField => "_w" + N + "t";

    /// <summary>Where the forward kernel stores <c>Z W + b</c>: the pre-activation buffer or the output itself.</summary>
    public string AffineField => KeepsPreActivation ? PreField : OutputField;

    /// <summary><c>Z1 W2 + b2</c>.</summary>
    public string Affine => Input + " " + Weights + (Layer.HasBias ? " + " + Bias : string.Empty);

    /// <summary><c>Z2 = ReLU(Z1 W2 + b2)</c>.</summary>
    public string Equation => Output + " = " + Apply(Layer.Activation, Affine);

    /// <summary>The activation applied to <paramref name="argument"/>, e.g. <c>tanh(P1)</c>; the argument itself for Identity.</summary>
    public static string Apply(Activation activation, string argument) => activation switch
    {
        Activation.Identity => argument,
        Activation.ReLU => "ReLU(" + argument + ")",
        Activation.Sigmoid => "sigmoid(" + argument + ")",
        Activation.Tanh => "tanh(" + argument + ")",
        _ => "softplus(" + argument + ")",
    };

    /// <summary>The derivative factor of this layer's activation as the notes write it: <c>1{Z1 &gt; 0}</c>, <c>tanh'(P1)</c>, or null for Identity.</summary>
    public string? DerivativeText => Layer.Activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => "1{" + Output + " > 0}",
        Activation.Sigmoid => "sigmoid'(" + Pre + ")",
        Activation.Tanh => "tanh'(" + Pre + ")",
        _ => "softplus'(" + Pre + ")",
    };

    /// <summary>The derivative factor at one element, e.g. <c>1{Z1[b, i] &gt; 0}</c> or <c>tanh'(P1[b, i])</c>; null for Identity.</summary>
    public string? DerivativeAt(string index) => Layer.Activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => "1{" + Output + "[" + index + "] > 0}",
        Activation.Sigmoid => "sigmoid'(" + Pre + "[" + index + "])",
        Activation.Tanh => "tanh'(" + Pre + "[" + index + "])",
        _ => "softplus'(" + Pre + "[" + index + "])",
    };

    /// <summary>The runtime kernel that applies this layer's smooth activation over a span, e.g. <c>Activations.Tanh</c>.</summary>
    public string ActivationKernel => Names.Activations + "." + Layer.Activation;

    /// <summary>The runtime function of this layer's smooth activation's derivative at a pre-activation.</summary>
    public string DerivativeKernel => Names.Activations + "." + Layer.Activation + "Derivative";
}
