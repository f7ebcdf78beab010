using System;

namespace NetGen.Reference;

/// <summary>
/// The activations and their derivatives in double precision, written as the equations of
/// <see cref="Activation"/>. The derivative is taken at the pre-activation <c>z</c>.
/// </summary>
internal static class ReferenceActivation
{
    /// <summary><c>sqrt(2 / pi)</c>, the scale of GELU's tanh approximation.</summary>
    public const double GeluScale = 0.79788456080286535588;

    /// <summary>The cubic coefficient of GELU's tanh approximation.</summary>
    public const double GeluCubic = 0.044715;

    /// <summary><c>sigma(z)</c>; <paramref name="negativeSlope"/> is LeakyReLU's slope (ignored by the others).</summary>
    public static double Apply(Activation activation, double z, double negativeSlope = 0) => activation switch
    {
        Activation.LeakyReLU => z > 0 ? z : negativeSlope * z,
        Activation.SiLU => z * Sigmoid(z),
        // 0.5 z (1 + tanh u) = z sigmoid(2 u), u = sqrt(2/pi) (z + 0.044715 z^3).
        Activation.GELU => z * Sigmoid(2 * GeluU(z)),
        Activation.Identity => z,
        Activation.ReLU => z > 0 ? z : 0.0,
        Activation.Sigmoid => Sigmoid(z),
        Activation.Tanh => Math.Tanh(z),
        Activation.Softplus => Softplus(z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary><c>sigma'(z)</c>; <paramref name="negativeSlope"/> is LeakyReLU's slope (ignored by the others).</summary>
    public static double Derivative(Activation activation, double z, double negativeSlope = 0)
    {
        switch (activation)
        {
            case Activation.LeakyReLU:
                // The slope at the kink, as torch's leaky_relu.
                return z > 0 ? 1.0 : negativeSlope;
            case Activation.SiLU:
                // d/dz z s = s + z s (1 - s).
                double sigma = Sigmoid(z);
                return sigma + z * sigma * Sigmoid(-z);
            case Activation.GELU:
                // d/dz 0.5 z (1 + tanh u) = 0.5 (1 + tanh u) + 0.5 z (1 - tanh^2 u) u'.
                double u = GeluU(z), p = Sigmoid(2 * u), q = Sigmoid(-2 * u);
                return p * q == 0 ? p : p + 2 * z * p * q * GeluScale * (1 + 3 * GeluCubic * z * z);
            case Activation.Identity:
                return 1.0;
            case Activation.ReLU:
                // 1{z > 0}: 0 at the kink, as in the course notes.
                return z > 0 ? 1.0 : 0.0;
            case Activation.Sigmoid:
                double s = Sigmoid(z);
                return s * (1 - s);
            case Activation.Tanh:
                double t = Math.Tanh(z);
                return 1 - t * t;
            case Activation.Softplus:
                // d/dz log(1 + e^z) = e^z / (1 + e^z) = sigmoid(z).
                return Sigmoid(z);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>GELU's <c>u = sqrt(2/pi) (z + 0.044715 z^3)</c>.</summary>
    public static double GeluU(double z) => GeluScale * (z + GeluCubic * z * z * z);

    /// <summary><c>1 / (1 + e^-z)</c>, without overflow for any <c>z</c>.</summary>
    public static double Sigmoid(double z)
    {
        if (z >= 0)
            return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z); // z < 0: e in (0, 1), no overflow
        return e / (1 + e);
    }

    /// <summary><c>log(1 + e^z) = max(z, 0) + log1p(e^-|z|)</c>, without overflow for any <c>z</c>.</summary>
    public static double Softplus(double z) => Math.Max(z, 0) + LogOnePlus(Math.Exp(-Math.Abs(z)));

    /// <summary><c>log(1 + x)</c> for <c>x</c> in <c>[0, 1]</c>, accurate when <c>x</c> is tiny.</summary>
    /// <remarks>
    /// .NET has no <c>log1p</c>. With <c>u = 1 + x</c> rounded, <c>log(u) * x / (u - 1)</c> cancels the rounding of
    /// <c>u</c> (Goldberg, "What every computer scientist should know about floating-point arithmetic", Theorem 4).
    /// </remarks>
    public static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
