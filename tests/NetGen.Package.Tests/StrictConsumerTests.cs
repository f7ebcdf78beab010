using System;
using System.IO;
using System.Linq;
using NetGen.Generator.Tests.Consumers;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// The strictest consumer (<see cref="StrictConsumerProject"/>: nullable disabled, C# 12, AnalysisLevel latest-all,
/// warnings as errors) builds the representative networks from the packages with zero warnings, and its program
/// trains the hw0 network and writes a training report through NetGen.Reporting.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class StrictConsumerTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void StrictConsumer_BuildsWithZeroWarnings()
    {
        StrictConsumerRun consumer = Consumer();

        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.Describe());
        Assert.Matches(@"(?m)^\s*0 Warning\(s\)", consumer.Build.Output);
        Assert.DoesNotMatch(@"(?i):\s+(warning|error)\s+[A-Z]+\d+", consumer.Build.Output);
    }

    [Fact]
    public void StrictConsumer_GeneratesEveryRepresentativeNetwork()
    {
        StrictConsumerRun consumer = Consumer();
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.Describe());

        string generated = Path.Combine(
            consumer.Directory, "obj", ConsumerProject.Configuration, ConsumerProject.TargetFramework,
            "generated", "NetGen.Generator", "NetGen.Generator.NetworkGenerator");
        string[] files = Directory.EnumerateFiles(generated, "*.g.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(ConsumerDeclarations.All.Count, files.Length);
        Assert.Contains("Consumers.Hw0.MnistMlp.g.cs", files);
        Assert.Contains("GlobalNetwork.g.cs", files);
        Assert.Contains("Consumers.Nested.Catalog.Models.Holder.Xor.g.cs", files);
        Assert.All(files, file => Assert.DoesNotContain("#pragma warning disable", File.ReadAllText(Path.Combine(generated, file!)), StringComparison.Ordinal));
    }

    [Fact]
    public void StrictConsumer_WritesATrainingReportWithChartsAndDigits()
    {
        StrictConsumerRun consumer = Consumer();
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.Describe());
        ProcessResult run = consumer.Run!;
        Assert.True(run.ExitCode == 0, run.Describe());

        Assert.True(File.Exists(consumer.ReportPath), run.Describe());
        string html = File.ReadAllText(consumer.ReportPath);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
    }

    private StrictConsumerRun Consumer()
    {
        StrictConsumerRun consumer = fixture.StrictConsumer;
        output.WriteLine($"{consumer.Build.CommandLine}: {consumer.Build.Elapsed.TotalSeconds:F1} s, exit {consumer.Build.ExitCode}");
        if (consumer.Run is { } run)
            output.WriteLine($"{run.CommandLine}: {run.Elapsed.TotalSeconds:F1} s, exit {run.ExitCode}\n{run.Output}");
        return consumer;
    }
}
