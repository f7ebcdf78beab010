using System;
using System.Linq;
using NetGen.Kernels;
using NetGen.Reference;

namespace NetGen.Tests.Kernels;

/// <summary>The single-precision activations of generated networks against the interpreter's double-precision ones.</summary>
public sealed class ActivationsTests
{
    private static readonly double[] Points =
    [
        -200, -100, -88, -40, -20, -10, -5, -2, -1, -0.5, -1e-3, -1e-8, 0, 1e-8, 1e-3, 0.5, 1, 2, 5, 10, 20, 40, 88, 100, 200,
    ];

    public static TheoryData<Activation> Smooth() => new() { Activation.Sigmoid, Activation.Tanh, Activation.Softplus };

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Value_MatchesDoublePrecision_AcrossTheRange(Activation activation)
    {
        foreach (double z in Points)
            AssertClose(ReferenceActivation.Apply(activation, (float)z), Value(activation, (float)z), $"{activation}({z})");
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Derivative_KeepsRelativeAccuracy_WhereTheActivationSaturates(Activation activation)
    {
        // Where sigma saturates, 1 - s or 1 - t^2 cancel to 0 or lose every digit (even in double: tanh(40) is 1);
        // the kernels must not. Compared with the exact forms e / (1 + e)^2, e = exp(-|z|), and 4 e / (1 + e)^2,
        // e = exp(-2|z|), in double.
        foreach (double z in Points)
        {
            double expected = ExactDerivative(activation, (float)z);
            AssertClose(expected, Derivative(activation, (float)z), $"{activation}'({z})");
            Assert.Equal(ReferenceActivation.Derivative(activation, (float)z), expected, 1e-15);
        }
    }

    [Fact]
    public void LogOnePlus_OfTinyArguments_IsTheArgument()
    {
        Assert.Equal(1e-10f, Activations.LogOnePlus(1e-10f));
        Assert.Equal(0f, Activations.LogOnePlus(0f));
        AssertClose(Math.Log(2), Activations.LogOnePlus(1f), "log(2)");
        AssertClose(Math.Log(1 + 1e-4), Activations.LogOnePlus(1e-4f), "log1p(1e-4)");
    }

    [Fact]
    public void Softplus_OfLargeArguments_DoesNotOverflow()
    {
        Assert.Equal(1000f, Activations.Softplus(1000f));
        Assert.Equal(float.PositiveInfinity, Activations.Softplus(float.PositiveInfinity));
        Assert.Equal(0f, Activations.Softplus(float.NegativeInfinity));
        Assert.Equal(1f, Activations.Sigmoid(1000f));
        Assert.Equal(0f, Activations.Sigmoid(-1000f));
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void SpanOverload_EqualsTheScalarFunction(Activation activation)
    {
        float[] pre = Points.Select(z => (float)z).ToArray();
        float[] output = new float[pre.Length + 3];
        switch (activation)
        {
            case Activation.Sigmoid: Activations.Sigmoid(pre, output); break;
            case Activation.Tanh: Activations.Tanh(pre, output); break;
            default: Activations.Softplus(pre, output); break;
        }

        for (int k = 0; k < pre.Length; k++)
            Assert.Equal(Value(activation, pre[k]), output[k]);
        Assert.Equal(new float[3], output[pre.Length..]);
    }

    private static float Value(Activation activation, float z) => activation switch
    {
        Activation.Sigmoid => Activations.Sigmoid(z),
        Activation.Tanh => Activations.Tanh(z),
        _ => Activations.Softplus(z),
    };

    private static float Derivative(Activation activation, float z) => activation switch
    {
        Activation.Sigmoid => Activations.SigmoidDerivative(z),
        Activation.Tanh => Activations.TanhDerivative(z),
        _ => Activations.SoftplusDerivative(z),
    };

    private static double ExactDerivative(Activation activation, double z)
    {
        switch (activation)
        {
            case Activation.Tanh:
                double e2 = Math.Exp(-2 * Math.Abs(z));
                return 4 * e2 / ((1 + e2) * (1 + e2));
            case Activation.Sigmoid:
                double e = Math.Exp(-Math.Abs(z));
                return e / ((1 + e) * (1 + e));
            default:
                return ReferenceActivation.Sigmoid(z);
        }
    }

    /// <summary>Within a few float roundings, relatively; absolutely below the smallest normal float.</summary>
    private static void AssertClose(double expected, float actual, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= 4e-7 * Math.Abs(expected) + 1.2e-38, $"{what}: {actual} vs {expected} (error {error:E2})");
    }
}
