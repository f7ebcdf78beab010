using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Data;

namespace NetGen.Samples.Tests;

public sealed class MnistSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netgen-mnist-sample-").FullName;

    public MnistSampleTests()
    {
        // A small fixture in the real format: the first 300 test images of MNIST as both splits.
        string shared = Path.Combine(RepositoryRoot(), "..", "shared", "mnist");
        ImageDataSet source = ImageDataSet.LoadTest(shared).Take(300);
        IdxWriter.Write(source, Path.Combine(_folder, "train-images-idx3-ubyte.gz"), Path.Combine(_folder, "train-labels-idx1-ubyte.gz"));
        IdxWriter.Write(source.Take(200), Path.Combine(_folder, "t10k-images-idx3-ubyte"), Path.Combine(_folder, "t10k-labels-idx1-ubyte"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mlp100_WithLimit_PrintsTheCourseTableAndLearns()
    {
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "mlp100", "--epochs", "3", "--limit", "250", "--data", _folder, "--seed", "1");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        string[] lines = result.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("| Epoch | Train Loss | Train Err | Test Loss | Test Err |", StringComparison.Ordinal));
        double[][] rows = lines.Where(l => l.StartsWith("|  ", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(new double[] { 0, 1, 2 }, rows.Select(r => r[0]));
        Assert.True(rows[2][1] < rows[0][1], "train loss should fall over three epochs: " + result.Output);
        // The error rates of this seeded run (250 training, 200 test images) were 0.728, 0.252, 0.140 on the training rows
        // and 0.740, 0.285, 0.160 on the test rows; a kernel that rounded differently may flip a few images, not more.
        double[] trainErrors = [0.728, 0.252, 0.140], testErrors = [0.740, 0.285, 0.160];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.True(Math.Abs(rows[epoch][2] - trainErrors[epoch]) <= 5.0 / 250, $"epoch {epoch}: train error {rows[epoch][2]}, known {trainErrors[epoch]}\n{result.Output}");
            Assert.True(Math.Abs(rows[epoch][4] - testErrors[epoch]) <= 4.0 / 200, $"epoch {epoch}: test error {rows[epoch][4]}, known {testErrors[epoch]}\n{result.Output}");
        }

        Assert.Contains("250 training and 200 test images", result.Output, StringComparison.Ordinal);
        Assert.Contains("examples per second", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_ReadsRawAndGzipFiles()
    {
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "softmax", "--epochs", "1", "--data", _folder);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("300 training and 200 test images", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model", "resnet")]
    [InlineData("--batch", "0")]
    [InlineData("--batch", "1001")]
    [InlineData("--lr", "abc")]
    [InlineData("--epochs")]
    [InlineData("--frobnicate")]
    public void BadOption_ExitsWith2AndSaysWhy(params string[] arguments)
    {
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(30), arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(arguments[0], result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataFolder_IsAClearError()
    {
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(30),
            "--data", Path.Combine(_folder, "nope"), "--epochs", "1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportInMissingFolder_FailsBeforeTheFirstEpoch()
    {
        string report = Path.Combine(_folder, "no-such-folder", "report.html");
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(30),
            "--model", "softmax", "--epochs", "5", "--data", _folder, "--report", report);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-folder", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("| Epoch |", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveReportAndLoad_WriteACheckpointAndAReport_AndLoadStartsFromIt()
    {
        string checkpoint = Path.Combine(_folder, "model.npz");
        string report = Path.Combine(_folder, "report.html");
        var first = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "mlp100", "--epochs", "2", "--data", _folder, "--save", checkpoint, "--report", report);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.True(File.Exists(checkpoint));
        string html = File.ReadAllText(report);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);

        // One epoch at a negligible learning rate from the checkpoint: its first row shows the loaded network, not chance.
        var second = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "mlp100", "--epochs", "1", "--lr", "0.000001", "--data", _folder, "--load", checkpoint);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Loaded the parameters from", second.Output, StringComparison.Ordinal);
        double trainError = double.Parse(second.Output.Split('\n').First(l => l.StartsWith("|     0", StringComparison.Ordinal))
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[2], CultureInfo.InvariantCulture);
        // At a learning rate of 1e-6 the loaded network ends the epoch where the first run ended: the same training error,
        // to an image or two of the 300.
        double savedError = double.Parse(first.Output.Split('\n').Last(l => l.StartsWith("|     1", StringComparison.Ordinal))
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[2], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(trainError - savedError) <= 2.0 / 300, $"the loaded network's train error {trainError}, the saved one's {savedError}\n{first.Output}\n{second.Output}");
    }

    [Fact]
    public void LoadingACheckpointOfAnotherNetwork_IsAClearError()
    {
        string checkpoint = Path.Combine(_folder, "softmax.npz");
        Assert.Equal(0, SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "softmax", "--epochs", "1", "--data", _folder, "--save", checkpoint).ExitCode);
        var result = SampleProcess.Run("NetGen.Samples.Mnist", TimeSpan.FromSeconds(60),
            "--model", "mlp100", "--epochs", "1", "--data", _folder, "--load", checkpoint);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("softmax.npz", result.Error, StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                return dir.FullName;
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}
