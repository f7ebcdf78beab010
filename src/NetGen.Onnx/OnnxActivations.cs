using System;

namespace NetGen.Onnx;

/// <summary>Which ONNX operator computes each NetGen activation, in both directions.</summary>
internal static class OnnxActivations
{
    /// <summary>The operator that computes <paramref name="activation"/>, or null for <see cref="Activation.Identity"/> (no node).</summary>
    /// <exception cref="NotSupportedException">An activation this version of NetGen.Onnx does not write yet.</exception>
    public static string? OperatorOf(Activation activation) => activation switch
    {
        Activation.Identity => null,
        Activation.ReLU => "Relu",
        Activation.Sigmoid => "Sigmoid",
        Activation.Tanh => "Tanh",
        Activation.Softplus => "Softplus",
        _ => throw new NotSupportedException($"NetGen.Onnx does not export the activation {activation} yet."),
    };

    /// <summary>The activation an operator computes, or null when the operator is not one of NetGen's activations.</summary>
    public static Activation? ActivationOf(string operatorType) => operatorType switch
    {
        "Relu" => Activation.ReLU,
        "Sigmoid" => Activation.Sigmoid,
        "Tanh" => Activation.Tanh,
        "Softplus" => Activation.Softplus,
        _ => null,
    };

    /// <summary>The operators <see cref="ActivationOf"/> recognizes, for error messages.</summary>
    public const string Supported = "Relu, Sigmoid, Tanh, Softplus";
}
