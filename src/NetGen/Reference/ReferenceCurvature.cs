using System;

namespace NetGen.Reference;

/// <summary>
/// The second derivatives the interpreter's Hessian-vector product needs, in double precision, written as the
/// equations: each activation's <c>sigma''(z)</c> and each loss's Hessian with respect to the output row applied to a
/// direction.
/// </summary>
internal static class ReferenceCurvature
{
    /// <summary><c>sigma''(z)</c>; 0 for Identity and for ReLU (whose second derivative is 0 everywhere but the kink).</summary>
    public static double SecondDerivative(Activation activation, double z)
    {
        switch (activation)
        {
            case Activation.Identity:
            case Activation.ReLU:
            case Activation.LeakyReLU:
                return 0.0;
            case Activation.SiLU:
                // silu' = s + z s (1 - s), so silu'' = 2 s (1 - s) + z s (1 - s) (1 - 2 s).
                double a = ReferenceActivation.Sigmoid(z), b = ReferenceActivation.Sigmoid(-z);
                return a * b * (2 + z * (b - a));
            case Activation.GELU:
            {
                // gelu' = 0.5 (1 + t) + 0.5 z (1 - t^2) u' with t = tanh u; d/dz t = (1 - t^2) u', d/dz (1 - t^2) = -2 t (1 - t^2) u':
                // gelu'' = (1 - t^2) u' + 0.5 z (1 - t^2) (u'' - 2 t u'^2), and 1 - t^2 = 4 p q, t = p - q with p = sigmoid(2u), q = sigmoid(-2u).
                double u = ReferenceActivation.GeluU(z), gp = ReferenceActivation.Sigmoid(2 * u), gq = ReferenceActivation.Sigmoid(-2 * u);
                if (gp * gq == 0)
                    return 0.0;
                double du = ReferenceActivation.GeluScale * (1 + 3 * ReferenceActivation.GeluCubic * z * z);
                double ddu = 6 * ReferenceActivation.GeluCubic * ReferenceActivation.GeluScale * z;
                return 4 * gp * gq * (du + 0.5 * z * (ddu - 2 * (gp - gq) * du * du));
            }
            case Activation.Sigmoid:
                // sigma' = s (1 - s), so sigma'' = s (1 - s) (1 - 2 s).
                double s = ReferenceActivation.Sigmoid(z);
                return s * (1 - s) * (1 - 2 * s);
            case Activation.Tanh:
                // tanh' = 1 - t^2, so tanh'' = -2 t (1 - t^2).
                double t = Math.Tanh(z);
                return -2 * t * (1 - t * t);
            case Activation.Softplus:
                // softplus' = sigmoid, so softplus'' = sigmoid' = s (1 - s).
                double p = ReferenceActivation.Sigmoid(z);
                return p * (1 - p);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>
    /// <c>scale * H direction</c>, where <c>H</c> is the Hessian of one row's loss with respect to the output row:
    /// <c>diag(p) - p p^T</c> with <c>p = softmax(output)</c> for softmax cross-entropy (the label drops out),
    /// <c>2 I</c> for the squared error and <c>I</c> for half of it.
    /// </summary>
    public static void LossHessianProduct(Loss loss, ReadOnlySpan<double> output, ReadOnlySpan<double> direction, Span<double> result, double scale)
    {
        switch (loss)
        {
            case Loss.SoftmaxCrossEntropy:
                double max = double.NegativeInfinity;
                foreach (double z in output)
                    max = Math.Max(max, z);
                double sum = 0;
                foreach (double z in output)
                    sum += Math.Exp(z - max);
                double pDotDirection = 0;
                for (int j = 0; j < output.Length; j++)
                    pDotDirection += Math.Exp(output[j] - max) / sum * direction[j];

                // (diag(p) - p p^T) d = p o d - p (p . d).
                for (int j = 0; j < output.Length; j++)
                {
                    double p = Math.Exp(output[j] - max) / sum;
                    result[j] = scale * (p * direction[j] - p * pDotDirection);
                }

                break;
            case Loss.SquaredError:
            case Loss.HalfSquaredError:
                double factor = loss == Loss.SquaredError ? 2.0 : 1.0;
                for (int j = 0; j < output.Length; j++)
                    result[j] = scale * factor * direction[j];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        }
    }
}
