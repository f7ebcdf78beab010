using System;
using System.Linq;
using NetGen.Kernels;
using NetGen.Reference;

namespace NetGen.Tests.Kernels;

/// <summary>
/// LeakyReLU, SiLU and GELU (tanh approximation): the interpreter's derivatives against central differences of the
/// function below them (first of the value, second of the first derivative), in double; the single-precision kernels
/// against the interpreter; the curvature ratios of the generated Hessian-vector product against the second derivative.
/// </summary>
public sealed class NewActivationsTests
{
    private static readonly double[] Points =
    [
        -30, -12, -8, -5, -3, -2.5, -2, -1.5, -1.2785, -1, -0.75, -0.5, -0.25, -1e-3, 1e-3, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.4, 3, 5, 8, 12, 30,
    ];

    public static TheoryData<Activation> Smooth() => new() { Activation.SiLU, Activation.GELU };

    [Theory]
    [MemberData(nameof(Smooth))]
    [InlineData(Activation.LeakyReLU)]
    public void FirstDerivative_EqualsCentralDifferencesOfTheValue(Activation activation)
    {
        foreach (double slope in new[] { 0.0, 0.01, 0.3 })
        {
            foreach (double z in Points)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(z));
                double difference = (ReferenceActivation.Apply(activation, z + h, slope) - ReferenceActivation.Apply(activation, z - h, slope)) / (2 * h);
                double exact = ReferenceActivation.Derivative(activation, z, slope);
                Assert.True(Math.Abs(difference - exact) <= 1e-8 * Math.Max(1, Math.Abs(z)), $"{activation}'({z}) slope {slope}: {exact} vs differences {difference}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    [InlineData(Activation.LeakyReLU)]
    public void SecondDerivative_EqualsCentralDifferencesOfTheFirst(Activation activation)
    {
        foreach (double z in Points)
        {
            // Step 1e-5: truncation error about h^2 |sigma'''| < 1e-9, rounding about 1e-16 / h = 1e-11.
            double h = 1e-5;
            double difference = (ReferenceActivation.Derivative(activation, z + h, 0.2) - ReferenceActivation.Derivative(activation, z - h, 0.2)) / (2 * h);
            double exact = ReferenceCurvature.SecondDerivative(activation, z);
            Assert.True(Math.Abs(difference - exact) <= 1e-8, $"{activation}''({z}): {exact} vs differences {difference}");
        }
    }

    [Fact]
    public void GeluAndSiLU_HaveTheirKnownShape()
    {
        // GELU (tanh form) at 1: 0.5 (1 + tanh(sqrt(2/pi) 1.044715)) = 0.8411919906 (torch gelu(1., approximate='tanh')).
        Assert.Equal(0.8411919906082768, ReferenceActivation.Apply(Activation.GELU, 1), 12);
        Assert.Equal(-0.15880800939172324, ReferenceActivation.Apply(Activation.GELU, -1), 12);
        // SiLU at 1: 1 / (1 + e^-1) = 0.7310585786300049.
        Assert.Equal(0.7310585786300049, ReferenceActivation.Apply(Activation.SiLU, 1), 15);
        // Each derivative vanishes once on the negative side: SiLU's at -1.27846, GELU's near -0.7518.
        Assert.True(ReferenceActivation.Derivative(Activation.SiLU, -1.27) < 0 == ReferenceActivation.Derivative(Activation.SiLU, -1.29) > 0);
        Assert.True(ReferenceActivation.Derivative(Activation.GELU, -0.74) > 0 && ReferenceActivation.Derivative(Activation.GELU, -0.76) < 0);
        // Largest slopes, the guard's factor 1.25 bounds them.
        double maxSilu = Enumerable.Range(0, 20001).Max(i => ReferenceActivation.Derivative(Activation.SiLU, -10 + i * 1e-3));
        double maxGelu = Enumerable.Range(0, 20001).Max(i => ReferenceActivation.Derivative(Activation.GELU, -10 + i * 1e-3));
        Assert.InRange(maxSilu, 1.0998, 1.0999);
        Assert.InRange(maxGelu, 1.128, 1.130);
    }

    [Fact]
    public void LeakyReLU_IsLinearOnEachSide_WithTheSlopeAtTheKink()
    {
        Assert.Equal(-0.3, ReferenceActivation.Apply(Activation.LeakyReLU, -3, 0.1), 15);
        Assert.Equal(2.5, ReferenceActivation.Apply(Activation.LeakyReLU, 2.5, 0.1));
        Assert.Equal(0.1, ReferenceActivation.Derivative(Activation.LeakyReLU, 0, 0.1));
        Assert.Equal(1, ReferenceActivation.Derivative(Activation.LeakyReLU, 1e-300, 0.1));
        Assert.Equal(-0.3f, Activations.LeakyReLU(-3f, 0.1f));
        Assert.Equal(0.1f, Activations.LeakyReLUDerivative(0f, 0.1f));
        Assert.Equal(0f, Curvature.LeakyReLURatio(-2f));
        float[] output = new float[3];
        Activations.LeakyReLU(new[] { -2f, 0f, 3f }, output, 0.25f);
        Assert.Equal([-0.5f, 0f, 3f], output);
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void FloatKernels_MatchTheInterpreter(Activation activation)
    {
        foreach (double point in Points.Concat([-200.0, -88, 88, 200, 0]))
        {
            float z = (float)point;
            double scale = 1 + point * point; // the float u = c (z + 0.044715 z^3) carries a relative error ~ eps (1 + z^2)
            AssertClose(ReferenceActivation.Apply(activation, z), Value(activation, z), 1e-6 * scale, 1e-37, $"{activation}({z})");
            AssertClose(ReferenceActivation.Derivative(activation, z), First(activation, z), 1e-6 * scale, 1e-6, $"{activation}'({z})");
            AssertClose(ReferenceCurvature.SecondDerivative(activation, z), Second(activation, z), 1e-6 * scale, 1e-6, $"{activation}''({z})");
        }
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void SpanOverload_EqualsTheScalarFunction(Activation activation)
    {
        float[] pre = Points.Select(z => (float)z).ToArray();
        float[] output = new float[pre.Length + 2];
        if (activation == Activation.SiLU)
            Activations.SiLU(pre, output);
        else
            Activations.GELU(pre, output);
        for (int k = 0; k < pre.Length; k++)
            Assert.Equal(Value(activation, pre[k]), output[k]);
        Assert.Equal(new float[2], output[pre.Length..]);
    }

    [Theory]
    [InlineData(Activation.SiLU, -1.35f, -1.2f)]
    [InlineData(Activation.GELU, -0.8f, -0.7f)]
    public void Ratio_TimesTheFloatDerivative_IsTheSecondDerivative_EvenWhereTheDerivativeVanishes(Activation activation, float from, float to)
    {
        // Every float in an interval around the zero of sigma': the generated code forms sigma'' (G W^T) as
        // ratio(P) * (sigma'(P) (G W^T)) with the same float sigma', so the product must be sigma'' to rounding and finite.
        // Where the float sigma' rounds to exactly 0 the product has lost G W^T: the ratio is 0 there and the element's
        // curvature term is dropped (Curvature.SiLURatio says so); those floats must be a handful.
        int checkedFloats = 0, vanished = 0;
        for (float z = from; z <= to; z = MathF.BitIncrement(z), checkedFloats++)
        {
            float ratio = activation == Activation.SiLU ? Curvature.SiLURatio(z) : Curvature.GELURatio(z);
            float first = First(activation, z);
            float product = ratio * first;
            Assert.True(float.IsFinite(product), $"{activation} ratio at {z} is {ratio}");
            if (first == 0)
            {
                vanished++;
                Assert.Equal(0f, product);
                continue;
            }

            double second = ReferenceCurvature.SecondDerivative(activation, z);
            Assert.True(Math.Abs(product - second) <= 1e-6, $"{activation}: ratio x derivative at {z} = {product}, sigma'' = {second}");
        }

        Assert.True(checkedFloats > 100_000, $"{checkedFloats} floats");
        Assert.True(vanished <= 4, $"{vanished} floats where the float derivative is 0");
    }

    private static float Value(Activation activation, float z) => activation == Activation.SiLU ? Activations.SiLU(z) : Activations.GELU(z);

    private static float First(Activation activation, float z) => activation == Activation.SiLU ? Activations.SiLUDerivative(z) : Activations.GELUDerivative(z);

    private static float Second(Activation activation, float z) => activation == Activation.SiLU ? Activations.SiLUSecondDerivative(z) : Activations.GELUSecondDerivative(z);

    private static void AssertClose(double expected, float actual, double relative, double absolute, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= relative * Math.Abs(expected) + absolute, $"{what}: {actual} vs {expected} (error {error:E2})");
    }
}
