using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The names the Hessian-vector product's code and comments use for one layer, in Pearlmutter's notation:
/// <c>R(x)</c> is the directional derivative of <c>x</c> along <c>v</c>; <c>V{n}</c> and <c>vb{n}</c> are the parts
/// of <c>v</c> in the places of <c>W{n}</c> and <c>b{n}</c>. Each layer keeps <c>R(Z{n})</c> and <c>R(G{n})</c>, and
/// <c>R(P{n})</c> where the activation is smooth (for ReLU and Identity, <c>R(P{n})</c> is computed in the
/// <c>R(Z{n})</c> buffer and gated in place).
/// </summary>
internal sealed class HessianTerms
{
    public HessianTerms(LayerPlan terms)
    {
        T = terms;
        string n = terms.N;
        RPreField = "RP" + n;
        ROutputField = "RZ" + n;
        RDeltaField = "RG" + n;
        Direction = "V" + n;
        BiasDirection = "vb" + n;
    }

    /// <summary>The layer's own terms.</summary>
    public LayerPlan T { get; }

    /// <summary>The buffer of <c>R(P{n})</c> (smooth activations only).</summary>
    public string RPreField { get; }

    /// <summary>The buffer of <c>R(Z{n})</c>.</summary>
    public string ROutputField { get; }

    /// <summary>The buffer of <c>R(Z{n-1})</c>, the layer before's <see cref="ROutputField"/> (none for the first layer).</summary>
    public string RInputField => "RZ" + T.PreviousN;

    /// <summary>The buffer of <c>R(G{n})</c>.</summary>
    public string RDeltaField { get; }

    /// <summary><c>V{n}</c>, the direction's weights part, in comments.</summary>
    public string Direction { get; }

    /// <summary><c>vb{n}</c>, the direction's bias part, in comments.</summary>
    public string BiasDirection { get; }

    /// <summary>Where <c>R(P{n})</c> is written: its own buffer for a smooth activation, else the <c>R(Z{n})</c> buffer.</summary>
    public string RAffineField => T.KeepsPreActivation ? RPreField : ROutputField;

    /// <summary><c>R(P2) = R(Z1) W2 + Z1 V2 + vb2</c>, or <c>R(P1) = X V1 + vb1</c> for the first layer.</summary>
    public string ForwardEquation =>
        "R(" + T.Pre + ") = " + (T.IsFirst ? string.Empty : "R(" + T.Input + ") " + T.Weights + " + ")
        + T.Input + " " + Direction + (T.Layer.HasBias ? " + " + BiasDirection : string.Empty);

    /// <summary><c>R(Z2) = tanh'(P2) o R(P2)</c>, or null for Identity (where <c>R(Z) = R(P)</c>).</summary>
    public string? ActivationEquation => T.DerivativeText is null ? null : "R(" + T.Output + ") = " + T.DerivativeText + " o R(" + T.Pre + ")";

    /// <summary>The runtime function <c>sigma''/sigma'</c> of this layer's smooth activation, e.g. <c>Curvature.TanhRatio</c>.</summary>
    public string RatioKernel => "global::NetGen.Kernels.Curvature." + T.Layer.Activation + "Ratio";

    /// <summary><c>(tanh''/tanh')(P1)</c> in comments.</summary>
    public string RatioText => "(" + Lower(T.Layer.Activation) + "''/" + Lower(T.Layer.Activation) + "')(" + T.Pre + ")";

    private static string Lower(Activation activation) => activation switch
    {
        Activation.Sigmoid => "sigmoid",
        Activation.Tanh => "tanh",
        Activation.LeakyReLU => "LeakyReLU",
        Activation.SiLU => "SiLU",
        Activation.GELU => "GELU",
        _ => "softplus",
    };
}
