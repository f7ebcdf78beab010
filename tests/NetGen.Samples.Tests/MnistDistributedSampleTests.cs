using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Checkpoints;
using NetGen.Data;
using NetGen.Samples.Mnist;

namespace NetGen.Samples.Tests;

/// <summary>The MNIST sample under <c>mpirun</c>: the same table as one process, printed once, and one checkpoint.</summary>
public sealed class MnistDistributedSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-mnist-distributed-").FullName;

    public MnistDistributedSampleTests()
    {
        // The first 300 test images of MNIST as both splits (as MnistSampleTests).
        string shared = Path.Combine(MnistSampleTests.RepositoryRoot(), "..", "shared", "mnist");
        ImageDataSet source = ImageDataSet.LoadTest(shared).Take(300);
        IdxWriter.Write(source, Path.Combine(_folder, "train-images-idx3-ubyte.gz"), Path.Combine(_folder, "train-labels-idx1-ubyte.gz"));
        IdxWriter.Write(source.Take(200), Path.Combine(_folder, "t10k-images-idx3-ubyte"), Path.Combine(_folder, "t10k-labels-idx1-ubyte"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(2, true)]   // --distributed
    [InlineData(3, false)]  // no flag: mpirun's environment turns it on
    public void UnderMpirun_Rank0PrintsOneProcesssTable_AndSavesOneCheckpoint(int ranks, bool flag)
    {
        // 250 rows in batches of 32: the last batch has 26 rows, shared 13/13 or 9/9/8.
        string[] common = { "--model", "mlp100", "--epochs", "2", "--limit", "250", "--batch", "32", "--seed", "1", "--data", _folder };
        string singleCheckpoint = Path.Combine(_folder, "single.npz"), distributedCheckpoint = Path.Combine(_folder, $"distributed-{ranks}.npz");
        var single = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60), [.. common, "--save", singleCheckpoint]);
        Assert.True(single.ExitCode == 0, single.Output + single.Error);
        var distributed = MpiSampleProcess.Run("NetGen.Samples.Mnist", ranks, TimeSpan.FromSeconds(120),
            [.. common, "--save", distributedCheckpoint, .. flag ? new[] { "--distributed" } : []]);
        Assert.True(distributed.ExitCode == 0, distributed.Output + distributed.Error);

        Assert.Contains($"Data-parallel over {ranks} MPI processes", distributed.Output, StringComparison.Ordinal);
        Assert.Single(distributed.Output.Split('\n'), l => l.StartsWith("| Epoch |", StringComparison.Ordinal));
        Assert.Single(distributed.Output.Split('\n'), l => l.StartsWith("Saved the parameters", StringComparison.Ordinal));

        // The same table to float rounding: losses to the printed digits (within 2e-5), errors within one row of 250 or 200.
        double[][] expected = Rows(single.Output), actual = Rows(distributed.Output);
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected.Length, actual.Length);
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            Assert.True(Math.Abs(actual[epoch][1] - expected[epoch][1]) <= 2e-5, $"train loss, epoch {epoch}:\n{single.Output}\n{distributed.Output}");
            Assert.True(Math.Abs(actual[epoch][3] - expected[epoch][3]) <= 2e-5, $"test loss, epoch {epoch}:\n{single.Output}\n{distributed.Output}");
            Assert.True(Math.Abs(actual[epoch][2] - expected[epoch][2]) <= 1.0 / 250 + 1e-9, $"train error, epoch {epoch}");
            Assert.True(Math.Abs(actual[epoch][4] - expected[epoch][4]) <= 1.0 / 200 + 1e-9, $"test error, epoch {epoch}");
        }

        // Rank 0's checkpoint holds parameters within float rounding of one process's.
        var one = new Mlp100();
        var many = new Mlp100();
        NetworkCheckpoint.Load(one, singleCheckpoint);
        NetworkCheckpoint.Load(many, distributedCheckpoint);
        double difference = 0, norm = 0;
        for (int i = 0; i < one.Parameters.Length; i++)
        {
            difference += Math.Pow(many.Parameters[i] - one.Parameters[i], 2);
            norm += Math.Pow(one.Parameters[i], 2);
        }

        Assert.True(Math.Sqrt(difference / norm) < 1e-5, $"relative difference {Math.Sqrt(difference / norm):R}");
    }

    private static double[][] Rows(string output) =>
        output.Split('\n')
            .Where(l => l.StartsWith("|  ", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
}
