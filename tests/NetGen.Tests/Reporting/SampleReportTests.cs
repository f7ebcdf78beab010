using System;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Reporting;
using NetGen.Tests.Data;

namespace NetGen.Tests.Reporting;

/// <summary>
/// Writes a realistic report to <c>$TMPDIR/netgen-report-sample/report.html</c> for a person (or
/// <c>samples/Mnist/render-report.sh</c>) to look at: twenty epochs shaped like the course's run, gradient norms,
/// and the real MNIST test digits when the shared copy is beside the repository (stamped rings otherwise).
/// </summary>
public sealed class SampleReportTests
{
    public static string SamplePath => Path.Combine(Path.GetTempPath(), "netgen-report-sample", "report.html");

    [Fact]
    public void Writes_a_sample_report_for_rendering()
    {
        ImageDataSet test = LoadTestImages();
        // A pretend network: right except on a deterministic ~1.9% of the rows, with plausible confusions.
        int[] predictions = new int[test.Count];
        int[] likelyMistake = [6, 7, 7, 5, 9, 3, 0, 2, 3, 4];
        for (int i = 0; i < test.Count; i++)
        {
            int label = test.Labels[i];
            uint hash = (uint)i * 2654435761u;
            predictions[i] = hash % 1000 < 19 ? (hash % 3 == 0 ? (label + 1 + (int)(hash % 8)) % 10 : likelyMistake[label]) : label;
            if (predictions[i] == label) predictions[i] = hash % 1000 < 19 ? (label + 1) % 10 : label;
        }

        var spec = new NetGen.Specification.NetworkSpec(784, [new(400, Activation.ReLU, Bias: false, WeightInit: Init.ScaledNormal), new(10, Bias: false, WeightInit: Init.ScaledNormal)], maxBatch: 100);
        var report = new TrainingReport("MNIST, 784-400-10 (sample report with made-up numbers)", spec)
            .AddHyperparameter("data set", test.Count == 10000 ? "MNIST (t10k for the digits)" : "stamped rings (no MNIST copy found)")
            .AddHyperparameter("epochs", 20)
            .AddHyperparameter("learning rate", 0.2f)
            .AddHyperparameter("batch size", 100)
            .AddHyperparameter("seed", 1UL)
            .AddHyperparameter("initialization", "ScaledNormal");
        for (int e = 1; e <= 20; e++)
        {
            double trainError = 0.085 * Math.Pow(0.78, e - 1) + 0.0008;
            double testError = 0.075 * Math.Pow(0.8, e - 1) + 0.018;
            report.AddEpoch(new EpochRecord(e, 0.30 * Math.Pow(0.78, e - 1) + 0.004, trainError, 0.25 * Math.Pow(0.8, e - 1) + 0.06, testError, 4.2 + 0.3 * Math.Sin(e))
            {
                GradientNorms = [1.8 * Math.Pow(0.88, e), 0.9 * Math.Pow(0.85, e)],
            });
        }

        report.TestResults = ClassificationResults.Evaluate(new ScriptedClassifier(spec, predictions, stamped: false), test);
        Directory.CreateDirectory(Path.GetDirectoryName(SamplePath)!);
        HtmlReportWriter.EnsureWritable(SamplePath);
        HtmlReportWriter.Write(report, SamplePath);
        Assert.True(new FileInfo(SamplePath).Length > 10_000);
    }

    private static ImageDataSet LoadTestImages()
    {
        string shared = RepositoryPaths.SharedMnist;
        try
        {
            if (Directory.Exists(shared)) return ImageDataSet.LoadTest(shared);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Fall back to the fixture.
        }

        return ReportFixtures.DataSet(2000);
    }
}
