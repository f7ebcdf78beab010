using System;
using System.Linq;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Abstractions;

namespace NetGen.Tests.Reference;

/// <summary>
/// The interpreter's Hessian-vector product (the R-operator in double precision) against central differences of its
/// own exact gradient along the direction, <c>(g(theta + h v) - g(theta - h v)) / 2h</c>, on the 90 random networks
/// of <see cref="RandomNetworkCase"/>, and its symmetry <c>u . (H v) = v . (H u)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Step: <c>h = cbrt(eps) / max|v|</c>, about <c>6e-6</c> per unit of the largest direction entry. The difference's
/// truncation error is about <c>h^2</c> times the third derivative and its rounding error about <c>eps |g| / h</c>:
/// both near 1e-10 relative here, so the tolerance 1e-6 leaves room without hiding a wrong term (a missing
/// <c>sigma''</c> term or a transposed product gives errors of order 1e-2 to 1).
/// </para>
/// <para>
/// ReLU: its second derivative is 0 everywhere but the kink, where the Hessian does not exist. On the cases with
/// ReLU layers the check still covers everything else (the loss's curvature, the smooth layers' <c>sigma''</c> terms and
/// the cross terms <c>R(A)^T D</c>, <c>D V^T</c>), and it verifies that no evaluated point crosses a kink.
/// </para>
/// </remarks>
public sealed class HessianVectorProductTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;
    private const double SymmetryTolerance = 1e-12;
    private const int Cases = 90;

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void HessianVectorProduct_MatchesCentralDifferencesOfTheGradient(int index)
    {
        RandomNetworkCase c = RandomNetworkCase.Create(index);
        var random = new DeterministicRandom(c.Seed + 7);
        double[] v = Gaussian(c.Spec.ParameterCount, random);
        double[] hv = Product(c, v);

        // (g(theta + h v) - g(theta - h v)) / 2h, the parameters restored exactly afterwards.
        double h = FiniteDifferences.RelativeStep / v.Max(Math.Abs);
        double[] theta = c.Network.Parameters.ToArray();
        bool[] basePattern = c.ReluPattern(c.Inputs);
        double[] plus = GradientAt(c, theta, v, h, basePattern, out bool plusCrossed);
        double[] minus = GradientAt(c, theta, v, -h, basePattern, out bool minusCrossed);
        theta.CopyTo(c.Network.Parameters);
        double[] difference = new double[plus.Length];
        for (int i = 0; i < plus.Length; i++)
            difference[i] = (plus[i] - minus[i]) / (2 * h);

        double error = FiniteDifferences.RelativeError(hv, difference);
        bool relu = c.Spec.Layers.Any(layer => layer.Activation == Activation.ReLU);
        output.WriteLine($"{c}: H v relative error {error:E2} against central differences of the gradient (h {h:E2})"
            + (relu ? "; ReLU layers: sigma'' = 0 a.e., the loss curvature, smooth layers and cross terms are checked" : string.Empty));

        Assert.False(plusCrossed || minusCrossed, $"{c}: a finite-difference point crossed a ReLU kink.");
        Assert.True(error < Tolerance, $"{c}: H v relative error {error:E3} >= {Tolerance:E0}.");
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void HessianVectorProduct_IsSymmetric(int index)
    {
        RandomNetworkCase c = RandomNetworkCase.Create(index);
        var random = new DeterministicRandom(c.Seed + 11);
        double[] u = Gaussian(c.Spec.ParameterCount, random);
        double[] v = Gaussian(c.Spec.ParameterCount, random);
        double[] hu = Product(c, u);
        double[] hv = Product(c, v);

        // |u . Hv - v . Hu| relative to the Cauchy-Schwarz bound ||u|| ||Hv||.
        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        double bound = Math.Max(Math.Sqrt(Dot(u, u) * Dot(hv, hv)), 1e-300);
        double asymmetry = Math.Abs(uHv - vHu) / bound;
        output.WriteLine($"{c}: u.Hv = {uHv:E6}, v.Hu = {vHu:E6}, asymmetry {asymmetry:E2}");
        Assert.True(asymmetry < SymmetryTolerance, $"{c}: u . Hv = {uHv:R} but v . Hu = {vHu:R} (relative {asymmetry:E2}).");
    }

    [Fact]
    public void HessianVectorProduct_LeavesParametersAndGradients_AndMayOverwriteItsDirection()
    {
        RandomNetworkCase c = RandomNetworkCase.Create(4);
        c.AnalyticInputGradient();
        double[] parameters = c.Network.Parameters.ToArray();
        double[] gradients = c.Network.Gradients.ToArray();
        double[] v = Gaussian(c.Spec.ParameterCount, new DeterministicRandom(3));
        double[] hv = Product(c, v);

        Assert.Equal(parameters, c.Network.Parameters.ToArray());
        Assert.Equal(gradients, c.Network.Gradients.ToArray());

        // In place: result is v itself.
        double[] inPlace = (double[])v.Clone();
        if (c.Spec.IsClassifier)
            c.Network.HessianVectorProduct(c.Inputs, c.Labels, c.BatchSize, inPlace, inPlace);
        else
            c.Network.HessianVectorProduct(c.Inputs, c.Targets, c.BatchSize, inPlace, inPlace);
        Assert.Equal(hv, inPlace);
    }

    [Fact]
    public void HessianVectorProduct_ReturnsTheLoss()
    {
        RandomNetworkCase c = RandomNetworkCase.Create(9);
        double[] v = new double[c.Spec.ParameterCount];
        double[] hv = new double[c.Spec.ParameterCount];
        double loss = c.Spec.IsClassifier
            ? c.Network.HessianVectorProduct(c.Inputs, c.Labels, c.BatchSize, v, hv)
            : c.Network.HessianVectorProduct(c.Inputs, c.Targets, c.BatchSize, v, hv);
        Assert.Equal(c.BatchLoss(c.Inputs), loss);
        Assert.All(hv, value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void HessianVectorProduct_WrongDirectionLength_ThrowsAndNamesIt()
    {
        var spec = new NetworkSpec(3, [new LayerDeclaration(2, Activation.Identity, Bias: true, Init.XavierNormal, Init.Zeros)], Loss.SquaredError, Reduction.Mean, maxBatch: 4);
        var network = new ReferenceNetwork(spec);
        double[] inputs = new double[3], targets = new double[2];
        var error = Assert.Throws<ArgumentException>(() => network.HessianVectorProduct(inputs, targets, 1, new double[7], new double[8]));
        Assert.Equal("v", error.ParamName);
        Assert.Contains("ParameterCount (8)", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => network.HessianVectorProduct(inputs, targets, 1, new double[8], new double[9]));
        Assert.Equal("result", error.ParamName);
    }

    /// <summary>
    /// A linear least-squares layer has the closed form <c>H = (2/m) I (x) X^T X</c> per output column (bias as a column
    /// of ones): the R-operator reproduces it to rounding.
    /// </summary>
    [Fact]
    public void LinearLeastSquares_HessianIsTwiceTheGramMatrix()
    {
        const int inputs = 3, units = 2, rows = 5;
        var spec = new NetworkSpec(inputs, [new LayerDeclaration(units, Activation.Identity, Bias: true, Init.XavierNormal, Init.XavierNormal)], Loss.SquaredError, Reduction.Mean, maxBatch: rows);
        var network = new ReferenceNetwork(spec);
        network.Initialize(5);
        var random = new DeterministicRandom(8);
        double[] x = Gaussian(rows * inputs, random), y = Gaussian(rows * units, random), v = Gaussian(spec.ParameterCount, random);
        double[] hv = new double[spec.ParameterCount];
        network.HessianVectorProduct(x, y, rows, v, hv);

        // With x~ = [x, 1] and V~ = [V; vb]: H v = (2/m) x~^T x~ V~, laid out as W then b.
        for (int j = 0; j < units; j++)
        {
            for (int i = 0; i <= inputs; i++)
            {
                double expected = 0;
                for (int r = 0; r < rows; r++)
                {
                    double xi = i < inputs ? x[r * inputs + i] : 1.0;
                    double xv = v[inputs * units + j];
                    for (int k = 0; k < inputs; k++)
                        xv += x[r * inputs + k] * v[k * units + j];
                    expected += 2.0 / rows * xi * xv;
                }

                double actual = i < inputs ? hv[i * units + j] : hv[inputs * units + j];
                Assert.Equal(expected, actual, 1e-12);
            }
        }
    }

    private static double[] Product(RandomNetworkCase c, double[] v)
    {
        double[] hv = new double[v.Length];
        if (c.Spec.IsClassifier)
            c.Network.HessianVectorProduct(c.Inputs, c.Labels, c.BatchSize, v, hv);
        else
            c.Network.HessianVectorProduct(c.Inputs, c.Targets, c.BatchSize, v, hv);
        return hv;
    }

    /// <summary>The exact gradient at <c>theta + step v</c>, and whether that point's ReLU pattern differs from the base point's.</summary>
    private static double[] GradientAt(RandomNetworkCase c, double[] theta, double[] v, double step, bool[] basePattern, out bool crossed)
    {
        Span<double> parameters = c.Network.Parameters;
        for (int i = 0; i < theta.Length; i++)
            parameters[i] = theta[i] + step * v[i];
        crossed = !basePattern.AsSpan().SequenceEqual(c.ReluPattern(c.Inputs));
        c.AnalyticInputGradient();
        return c.Network.Gradients.ToArray();
    }

    private static double[] Gaussian(int length, DeterministicRandom random)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = random.NextGaussian();
        return values;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
