using System;
using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Reference;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// The generated <c>HessianVectorProduct</c> of every declared network against the interpreter's R-operator in double
/// (per layer, within <see cref="HessianTolerances.Products"/>), its symmetry, the in-place call, and on the hw0 network
/// against central differences of the generated gradient itself.
/// </summary>
public sealed class HessianVectorProductTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (object[] item in NetworkBank.Cases())
            data.Add((string)item[0], (int)item[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeclaredNetwork_HessianVectorProduct_MatchesInterpreter(string name, int batchSize)
    {
        var log = new ErrorLog();
        new HessianCheck(NetworkBank.Create(name), batchSize, seed: name.Length * 977 + batchSize, log, name).Run();
        output.WriteLine(log.ToString());
    }

    /// <summary>
    /// hw0 (784-100-10, ReLU, softmax cross-entropy): <c>H v</c> equals <c>(g(theta + h v) - g(theta - h v)) / 2h</c> of
    /// the generated <c>Backward</c>. ReLU's second derivative is 0 almost everywhere, so here <c>H v</c> is made of the
    /// softmax curvature <c>(diag(p) - p p^T)</c> carried back through the gated layers and of the cross terms
    /// <c>R(Z1)^T G2</c> and <c>G2 V2^T</c>; the test checks all of it, both layers' parts, and that neither
    /// evaluation point moves a ReLU pre-activation across 0 (where the Hessian does not exist).
    /// </summary>
    [Fact]
    public void Hw0_HessianVectorProduct_MatchesCentralDifferencesOfTheGeneratedGradient()
    {
        var network = new MnistMlp();
        network.Initialize(3);
        var reference = new ReferenceNetwork(MnistMlp.Spec);
        reference.CopyParametersFrom(network.Parameters);
        var random = new Random(17);
        const int rows = 10;

        // The 10 rows, of 400 drawn, whose hidden pre-activations keep farthest from ReLU's kink: the farther, the
        // larger the step can be, and the less the float gradient's rounding weighs in the difference.
        Batch[] candidates = Enumerable.Range(0, 400).Select(_ => Batch.Draw(MnistMlp.Spec, 1, random))
            .OrderByDescending(candidate => KinkMargin.Of(reference, candidate)).Take(rows).ToArray();
        Batch batch = Concatenate(candidates);
        double margin = KinkMargin.Of(reference, batch);

        float[] theta = network.Parameters.ToArray();
        float[] v = new float[MnistMlp.ParameterCount];
        for (int i = 0; i < v.Length; i++)
            v[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

        // The largest step that moves no hidden pre-activation by more than half the margin: |X V1| bounds the move per unit h.
        double move = 0;
        for (int b = 0; b < rows; b++)
        {
            for (int j = 0; j < 100; j++)
            {
                double z = 0;
                for (int i = 0; i < MnistMlp.InputSize; i++)
                    z += Math.Abs(batch.Inputs[b * MnistMlp.InputSize + i] * v[i * 100 + j]);
                move = Math.Max(move, z);
            }
        }

        float h = (float)Math.Min(1e-2, 0.5 * margin / move);

        // theta +- h v in float; the step actually taken is their difference, computed exactly in double.
        float[] plus = new float[theta.Length], minus = new float[theta.Length], taken = new float[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            plus[i] = theta[i] + h * v[i];
            minus[i] = theta[i] - h * v[i];
            taken[i] = plus[i] - minus[i];
        }

        float[] gPlus = GradientAt(network, batch, plus, reference, out bool crossedPlus);
        float[] gMinus = GradientAt(network, batch, minus, reference, out bool crossedMinus);
        theta.CopyTo(network.Parameters);

        // H (theta+ - theta-) against g(theta+) - g(theta-).
        float[] product = new float[theta.Length];
        network.HessianVectorProduct(batch.Inputs, batch.Labels, rows, taken, product);
        double[] difference = new double[theta.Length];
        for (int i = 0; i < difference.Length; i++)
            difference[i] = (double)gPlus[i] - gMinus[i];

        var layers = MnistMlp.Spec.Layers;
        double error1 = RelativeError.Of(product.AsSpan(layers[0].WeightOffset, layers[0].ParameterCount), difference.AsSpan(layers[0].WeightOffset, layers[0].ParameterCount));
        double error2 = RelativeError.Of(product.AsSpan(layers[1].WeightOffset, layers[1].ParameterCount), difference.AsSpan(layers[1].WeightOffset, layers[1].ParameterCount));
        double error = RelativeError.Of(product, difference);
        output.WriteLine($"kink margin {margin:E2}, step h {h:E2}: H v against central differences of the generated gradient: W1 {error1:E2}, W2 {error2:E2}, all {error:E2}");
        output.WriteLine("ReLU: sigma'' = 0 a.e., so H v is the softmax curvature carried through the gates plus the cross terms R(Z1)^T G2 and G2 V2^T; all checked.");

        Assert.False(crossedPlus || crossedMinus, "a finite-difference point moved a ReLU pre-activation across 0.");
        Assert.True(error1 < HessianTolerances.FiniteDifferences, $"W1 part: relative error {error1:E3}");
        Assert.True(error2 < HessianTolerances.FiniteDifferences, $"W2 part: relative error {error2:E3}");
    }

    [Fact]
    public void HessianVectorProduct_WrongLengths_ThrowNamingTheArgument()
    {
        var network = new DeepTanhSigmoid();
        float[] inputs = new float[DeepTanhSigmoid.InputSize], targets = new float[DeepTanhSigmoid.OutputSize];
        var error = Assert.Throws<ArgumentException>(() => network.HessianVectorProduct(inputs, targets, 1, new float[5], new float[DeepTanhSigmoid.ParameterCount]));
        Assert.Equal("v", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => network.HessianVectorProduct(inputs, targets, 1, new float[DeepTanhSigmoid.ParameterCount], new float[5]));
        Assert.Equal("result", error.ParamName);
    }

    private static Batch Concatenate(Batch[] rows)
    {
        Batch all = Batch.Draw(MnistMlp.Spec, rows.Length, new Random(0));
        for (int b = 0; b < rows.Length; b++)
        {
            rows[b].Inputs.CopyTo(all.Inputs, b * MnistMlp.InputSize);
            all.Labels[b] = rows[b].Labels[0];
        }

        return all;
    }

    private static float[] GradientAt(MnistMlp network, Batch batch, float[] parameters, ReferenceNetwork reference, out bool crossed)
    {
        double marginBefore = KinkMargin.Of(reference, batch);
        parameters.CopyTo(network.Parameters);
        var moved = new ReferenceNetwork(MnistMlp.Spec);
        moved.CopyParametersFrom(parameters);
        crossed = !SamePattern(reference, moved, batch) || marginBefore <= 0;
        network.Backward(batch.Inputs, batch.Labels, batch.Rows);
        return network.Gradients.ToArray();
    }

    private static bool SamePattern(ReferenceNetwork a, ReferenceNetwork b, Batch batch)
    {
        double[] za = HiddenPreActivations(a, batch), zb = HiddenPreActivations(b, batch);
        for (int i = 0; i < za.Length; i++)
            if (za[i] > 0 != zb[i] > 0)
                return false;
        return true;
    }

    private static double[] HiddenPreActivations(ReferenceNetwork network, Batch batch)
    {
        double[] z = new double[batch.Rows * 100];
        ReadOnlySpan<double> p = network.Parameters;
        for (int b = 0; b < batch.Rows; b++)
            for (int j = 0; j < 100; j++)
                for (int i = 0; i < MnistMlp.InputSize; i++)
                    z[b * 100 + j] += batch.Inputs[b * MnistMlp.InputSize + i] * p[i * 100 + j];
        return z;
    }
}
