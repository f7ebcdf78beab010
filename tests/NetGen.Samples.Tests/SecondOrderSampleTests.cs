using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Reference;
using NetGen.Samples.Sharpness;

namespace NetGen.Samples.Tests;

/// <summary>
/// The MNIST sample's <c>--diagnostics</c> (the per-layer gradient-health table after each epoch, and the report's
/// gradient-norm chart) and the Sharpness sample (power iteration on Hessian-vector products), on a small fixture.
/// </summary>
public sealed class SecondOrderSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-second-order-").FullName;

    public SecondOrderSampleTests()
    {
        // The first 300 test images of MNIST as both splits, in the real format.
        string shared = Path.Combine(MnistSampleTests.RepositoryRoot(), "..", "shared", "mnist");
        ImageDataSet source = ImageDataSet.LoadTest(shared).Take(300);
        IdxWriter.Write(source, Path.Combine(_folder, "train-images-idx3-ubyte.gz"), Path.Combine(_folder, "train-labels-idx1-ubyte.gz"));
        IdxWriter.Write(source.Take(200), Path.Combine(_folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(_folder, "t10k-labels-idx1-ubyte.gz"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mnist_Diagnostics_PrintsTheHealthTableAfterEachEpoch_AndChartsTheNorms()
    {
        string report = Path.Combine(_folder, "report.html");
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "mlp100", "--epochs", "2", "--data", _folder, "--diagnostics", "--report", report);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        string[] lines = result.Output.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("    Gradient health over 3 batches (300 rows)", StringComparison.Ordinal)));
        string[] layerRows = lines.Where(l => l.StartsWith("    |     ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, layerRows.Length);
        Assert.Contains("784 x 100", layerRows[0], StringComparison.Ordinal);
        Assert.Contains("ReLU", layerRows[0], StringComparison.Ordinal);

        // The course's table is unchanged: its rows still parse as five numbers and a time.
        double[][] epochs = lines.Where(l => l.StartsWith("|     ", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(2, epochs.Length);

        string html = File.ReadAllText(report);
        Assert.Contains("mean |dL/dW| per layer", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Sharpness_PrintsTheLargestEigenvalueAtInitAndAfterAnEpoch()
    {
        var result = SampleProcess.Run("NetGen.Samples.Sharpness", TimeSpan.FromSeconds(90),
            "--data", _folder, "--rows", "200", "--epochs", "1", "--iterations", "60");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        string[] rows = result.Output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| After", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, rows.Length);
        double[] lambdas = rows.Select(r => double.Parse(r.Split('|', StringSplitOptions.TrimEntries)[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.All(lambdas, lambda => Assert.True(lambda > 0 && double.IsFinite(lambda), result.Output));

        // At initialization (the sample's seed 0) the largest eigenvalue is the reference interpreter's, found here by
        // its own power iteration in double precision on the same 200 rows, to 1% (the sample stops when the quotient
        // changes by less than 1e-4 of itself, from below: a Rayleigh quotient never exceeds lambda_max).
        double reference = ReferenceLargestEigenvalue(200);
        Assert.True(Math.Abs(lambdas[0] - reference) <= 0.01 * reference,
            $"the sample's lambda_max at init is {lambdas[0]}, the reference interpreter's {reference:F4}\n{result.Output}");
        Assert.Contains("init", rows[0], StringComparison.Ordinal);
    }

    private double ReferenceLargestEigenvalue(int rows)
    {
        ImageDataSet train = ImageDataSet.LoadTrain(_folder);
        var network = new ReferenceNetwork(SharpnessNetwork.Spec);
        network.Initialize(0);
        ReadOnlySpan<float> inputs = train.Images.AsSpan(0, rows * train.ImageSize);
        int[] labels = Array.ConvertAll(train.Labels.AsSpan(0, rows).ToArray(), label => (int)label);
        var random = new Random(5);
        double[] v = new double[SharpnessNetwork.ParameterCount], hv = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
            v[i] = random.NextDouble() - 0.5;
        Normalize(v);
        double lambda = 0;
        for (int k = 0; k < 300; k++)
        {
            network.HessianVectorProduct(inputs, labels, rows, v, hv);
            double next = 0;
            for (int i = 0; i < v.Length; i++)
                next += v[i] * hv[i];
            bool converged = Math.Abs(next - lambda) <= 1e-7 * Math.Abs(next);
            lambda = next;
            if (converged)
                break;
            hv.CopyTo(v, 0);
            Normalize(v);
        }

        return lambda;

        static void Normalize(double[] x)
        {
            double norm = Math.Sqrt(x.Sum(value => value * value));
            for (int i = 0; i < x.Length; i++)
                x[i] /= norm;
        }
    }
}
