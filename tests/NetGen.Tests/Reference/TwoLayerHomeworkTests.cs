using System;
using System.Linq;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>
/// The hw0 network (notes 000): <c>z = ReLU(X W1) W2</c> without biases, softmax cross-entropy averaged over the batch.
/// The interpreter's gradients must equal the homework's closed forms, computed here independently with plain matrices:
/// <c>Z1 = ReLU(X W1)</c>, <c>G2 = softmax(Z1 W2) - I_y</c>, <c>G1 = 1{Z1 &gt; 0} o (G2 W2^T)</c>,
/// <c>grad W1 = X^T G1 / m</c>, <c>grad W2 = Z1^T G2 / m</c>.
/// </summary>
public sealed class TwoLayerHomeworkTests
{
    private const int N = 5, D = 10, K = 3, M = 50;

    [Fact]
    public void Gradients_EqualTheClosedForms()
    {
        (ReferenceNetwork network, double[] x, int[] y) = Create();
        double[] w1 = network.Parameters[..(N * D)].ToArray();
        double[] w2 = network.Parameters[(N * D)..].ToArray();

        double[] z1 = Relu(MatMul(x, w1, M, N, D));
        double[] logits = MatMul(z1, w2, M, D, K);
        double[] g2 = Softmax(logits, M, K);
        for (int i = 0; i < M; i++) g2[i * K + y[i]] -= 1; // - I_y
        double[] g2w2t = MatMul(g2, Transpose(w2, D, K), M, K, D);
        double[] g1 = z1.Select((v, e) => (v > 0 ? 1.0 : 0.0) * g2w2t[e]).ToArray();
        double[] gradW1 = MatMul(Transpose(x, M, N), g1, N, M, D).Select(v => v / M).ToArray();
        double[] gradW2 = MatMul(Transpose(z1, M, D), g2, D, M, K).Select(v => v / M).ToArray();
        double expectedLoss = Enumerable.Range(0, M).Average(i => LogSumExp(logits.AsSpan(i * K, K)) - logits[i * K + y[i]]);

        double loss = network.Backward(x, y, M);

        Assert.Equal(expectedLoss, loss, 1e-13);
        Assert.True(FiniteDifferences.RelativeError(network.Gradients[..(N * D)], gradW1) < 1e-13);
        Assert.True(FiniteDifferences.RelativeError(network.Gradients[(N * D)..], gradW2) < 1e-13);
    }

    [Fact]
    public void OneSgdStepWithRateOne_SubtractsTheGradient_WhichEqualsFiniteDifferences()
    {
        (ReferenceNetwork network, double[] x, int[] y) = Create();
        double[] before = network.Parameters.ToArray();
        int[] all = Enumerable.Range(0, network.Spec.ParameterCount).ToArray();
        double[] numeric = FiniteDifferences.ParameterGradient(network, x, y, M, all);
        Assert.Equal(before, network.Parameters.ToArray()); // the differences restore every parameter

        double loss = network.TrainBatch(x, y, M, learningRate: 1);

        double[] gradient = network.Gradients.ToArray();
        double[] after = network.Parameters.ToArray();
        Assert.Equal(before.Select((p, i) => p - gradient[i]).ToArray(), after); // W -= 1 * grad, exactly
        double[] change = before.Select((p, i) => p - after[i]).ToArray();
        Assert.True(FiniteDifferences.RelativeError(change, numeric) < 1e-8);
        Assert.True(FiniteDifferences.RelativeError(gradient, numeric) < 1e-8);

        // The loss returned is the loss before the step, and the step lowers it.
        var check = new ReferenceNetwork(network.Spec);
        before.CopyTo(check.Parameters);
        Assert.Equal(check.Loss(x, y, M), loss);
        Assert.True(network.Loss(x, y, M) < loss);
    }

    /// <summary>The 5-10-3 network with the course's init and a batch whose ReLU pre-activations keep 1e-3 away from 0.</summary>
    private static (ReferenceNetwork Network, double[] X, int[] Y) Create()
    {
        var spec = new NetworkSpec(
            N,
            [new LayerDeclaration(D, Activation.ReLU, Bias: false, WeightInit: Init.ScaledNormal),
             new LayerDeclaration(K, Bias: false, WeightInit: Init.ScaledNormal)],
            Loss.SoftmaxCrossEntropy,
            Reduction.Mean,
            maxBatch: M);
        var network = new ReferenceNetwork(spec);
        network.Initialize(2024);

        var random = new DeterministicRandom(7);
        var x = new double[M * N];
        var row = new double[N];
        for (int i = 0; i < M; i++)
        {
            do
            {
                for (int j = 0; j < N; j++) row[j] = random.NextGaussian();
            }
            while (network.KinkMargin(row, 1) < 1e-3);
            row.CopyTo(x, i * N);
        }

        int[] y = Enumerable.Range(0, M).Select(_ => (int)(random.NextUInt64() % K)).ToArray();
        return (network, x, y);
    }

    private static double[] MatMul(double[] a, double[] b, int rows, int inner, int cols)
    {
        var c = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                for (int k = 0; k < inner; k++)
                    c[i * cols + j] += a[i * inner + k] * b[k * cols + j];
        return c;
    }

    private static double[] Transpose(double[] a, int rows, int cols)
    {
        var t = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t[j * rows + i] = a[i * cols + j];
        return t;
    }

    private static double[] Relu(double[] a) => a.Select(v => Math.Max(v, 0)).ToArray();

    private static double[] Softmax(double[] logits, int rows, int cols)
    {
        var s = new double[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            double max = logits.Skip(i * cols).Take(cols).Max();
            double sum = 0;
            for (int j = 0; j < cols; j++) sum += s[i * cols + j] = Math.Exp(logits[i * cols + j] - max);
            for (int j = 0; j < cols; j++) s[i * cols + j] /= sum;
        }

        return s;
    }

    private static double LogSumExp(ReadOnlySpan<double> z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z) max = Math.Max(max, v);
        double sum = 0;
        foreach (double v in z) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
