using NetGen.Generator.Emitting;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// One layer's decisions, and the names its code and comments use, in the course's notation: layer n maps its input
/// <c>Z{n-1}</c> (<c>X</c> for the first layer) to <c>Z{n} = sigma(Z{n-1} W{n} + b{n})</c>; <c>P{n}</c> is the
/// pre-activation, kept only where the derivative needs it; <c>G{n}</c> is the gradient of the loss with respect to the
/// pre-activation of layer n, the notes' <c>G</c>. The decisions are positional (they make the plan's equality); the
/// names are derived from the layer's number.
/// </summary>
/// <param name="Layer">The declared layer: shape, activation, bias, offsets into the parameter buffer.</param>
/// <param name="OneRowBatches">
/// Whether the network takes one row at a time (<c>MaxBatch = 1</c>): loops over the batch are bounded by the literal 1,
/// which the JIT unrolls away.
/// </param>
/// <param name="KeepsPreActivation">
/// Whether the derivative of the activation needs the pre-activation: every activation but Identity and ReLU (LeakyReLU's
/// derivative could be read off its output too, but it goes the smooth activations' simple way).
/// </param>
/// <param name="ListsInputs">
/// Whether the layer's kernels walk lists of the nonzero inputs (<c>NetGen.Kernels.Sparse</c>) instead of every input:
/// the first layer of a wide input, whose zeros (81% of MNIST's pixels) are worth a list.
/// </param>
/// <param name="HasTransposedWeights">
/// Whether the backward kernel reads a transposed copy of the weights (<see cref="TransposedField"/>): it sums over the
/// layer's units for each unit of the layer before, vectorized along the latter, whose weights are then contiguous. A
/// layer of fewer than 4 units takes its few products straight from the weights instead; the first layer has no layer
/// before to hand a gradient to.
/// </param>
/// <param name="Forward">The forward kernel, over the layer's units, blocks of rows.</param>
/// <param name="WeightGradient">The weight-gradient (and update) kernel, over the layer's units, blocks of inputs.</param>
/// <param name="Propagate">The kernel that hands the gradient to the layer before, over its units, blocks of rows.</param>
/// <param name="UpdatePieces">The pieces of the threaded update phase that cover the layer's inputs.</param>
internal sealed record LayerPlan(
    LayerModel Layer,
    bool OneRowBatches,
    bool KeepsPreActivation,
    bool ListsInputs,
    bool HasTransposedWeights,
    KernelPlan Forward,
    KernelPlan WeightGradient,
    KernelPlan Propagate,
    int UpdatePieces)
{
    public int Index => Layer.Index;

    public int Number => Layer.Number;

    public int Inputs => Layer.Inputs;

    public int Units => Layer.Units;

    public Activation Activation => Layer.Activation;

    public bool HasBias => Layer.HasBias;

    public int ParameterCount => Layer.ParameterCount;

    /// <summary>Whether this is the first layer, whose input is the user's <c>X</c>.</summary>
    public bool IsFirst => Layer.Index == 0;

    /// <summary>The number of the layer before, as text: <c>1</c> for layer 2.</summary>
    public string PreviousN => Names.Int(Layer.Index);

    /// <summary>
    /// The bound of a loop over the batch's rows: <c>m</c>, or the literal 1 for a network of <c>MaxBatch = 1</c>, whose
    /// loops over the batch the JIT then unrolls away (the tiny networks called one sample at a time).
    /// </summary>
    public string BatchBound => OneRowBatches ? "1" : "m";

    public string N => Names.Int(Layer.Number);

    public string Input => IsFirst ? "X" : "Z" + PreviousN;

    public string Output => "Z" + N;

    public string Pre => "P" + N;

    public string Weights => "W" + N;

    public string Bias => "b" + N;

    public string Delta => "G" + N;

    public string InputsConst => "L" + N + "Inputs";

    public string UnitsConst => "L" + N + "Units";

    public string WeightOffset => "W" + N + "Offset";

    public string BiasOffset => "B" + N + "Offset";

    public string OutputField => "_z" + N;

    /// <summary>The buffer of the layer's input, the layer before's output: <c>_z1</c> for layer 2 (none for the first layer).</summary>
    public string InputField => "_z" + PreviousN;

    public string PreField => "_p" + N;

    public string DeltaField => "_g" + N;

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
        Activation.LeakyReLU => "LeakyReLU(" + argument + ")",
        Activation.SiLU => "SiLU(" + argument + ")",
        Activation.GELU => "GELU(" + argument + ")",
        _ => "softplus(" + argument + ")",
    };

    /// <summary>The derivative factor of this layer's activation as the notes write it: <c>1{Z1 &gt; 0}</c>, <c>tanh'(P1)</c>, or null for Identity.</summary>
    public string? DerivativeText => Layer.Activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => "1{" + Output + " > 0}",
        Activation.Sigmoid => "sigmoid'(" + Pre + ")",
        Activation.Tanh => "tanh'(" + Pre + ")",
        Activation.LeakyReLU => "LeakyReLU'(" + Pre + ")",
        Activation.SiLU => "SiLU'(" + Pre + ")",
        Activation.GELU => "GELU'(" + Pre + ")",
        _ => "softplus'(" + Pre + ")",
    };

    /// <summary>The runtime kernel that applies this layer's smooth activation over a span, e.g. <c>Activations.Tanh</c>.</summary>
    public string ActivationKernel => Names.Activations + "." + Layer.Activation;

    /// <summary>The runtime function of this layer's smooth activation's derivative at a pre-activation.</summary>
    public string DerivativeKernel => Names.Activations + "." + Layer.Activation + "Derivative";

    /// <summary>LeakyReLU's slope as a C# float literal, passed to its kernels after their other arguments.</summary>
    private string SlopeArgument => Layer.Activation == Activation.LeakyReLU ? ", " + Names.Float(Layer.NegativeSlope) : string.Empty;

    /// <summary>The call of <see cref="ActivationKernel"/> on two spans, with LeakyReLU's slope.</summary>
    public string ActivationCall(string preActivations, string activations) => ActivationKernel + "(" + preActivations + ", " + activations + SlopeArgument + ")";

    /// <summary>The call of <see cref="DerivativeKernel"/> at a pre-activation, with LeakyReLU's slope.</summary>
    public string DerivativeCall(string preActivation) => DerivativeKernel + "(" + preActivation + SlopeArgument + ")";
}
