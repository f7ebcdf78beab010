using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Package.Tests;

/// <summary>
/// Packs NetGen and NetGen.Reporting once per test run, with a unique prerelease version, into a temporary folder feed outside the
/// repository, and builds and runs consumers of those packages on demand. Each step runs at most once and is shared
/// by every test in <see cref="PackageCollection"/>; everything it made is deleted afterwards.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    private readonly Lazy<ProcessResult> _pack;
    private readonly Lazy<ConsumerRun> _consumer;
    private readonly Lazy<StrictConsumerRun> _strictConsumer;

    /// <summary>Chooses the version and the temporary folders; runs nothing yet.</summary>
    public PackageFixture()
    {
        // A version no cache can hold yet: a stale extracted package can never stand in for this build's.
        string id = Guid.NewGuid().ToString("N")[..12];
        Version = "0.0.0-test.g" + id;
        WorkDirectory = Path.Combine(Path.GetTempPath(), "netgen-package-" + id);
        if (RepositoryPaths.Contains(WorkDirectory))
            throw new InvalidOperationException($"The temporary folder {WorkDirectory} is inside the repository {RepositoryPaths.Root}.");
        Directory.CreateDirectory(WorkDirectory);
        _pack = new Lazy<ProcessResult>(Pack);
        _consumer = new Lazy<ConsumerRun>(BuildAndRunConsumer);
        _strictConsumer = new Lazy<StrictConsumerRun>(BuildAndRunStrictConsumer);
    }

    /// <summary>The package version under test, e.g. <c>0.0.0-test.g0123456789ab</c>.</summary>
    public string Version { get; }

    /// <summary>The temporary folder holding the feed, the pack's build output, the consumer and its packages.</summary>
    public string WorkDirectory { get; }

    /// <summary>The folder feed <c>dotnet pack</c> writes to.</summary>
    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>The consumer project's folder.</summary>
    public string ConsumerDirectory => Path.Combine(WorkDirectory, "consumer");

    /// <summary>The strict consumer's folder (<see cref="StrictConsumerProject"/>).</summary>
    public string StrictConsumerDirectory => Path.Combine(WorkDirectory, "strict-consumer");

    /// <summary>The consumer's own global packages folder, so the machine's cache never holds the test version.</summary>
    public string ConsumerPackagesDirectory => Path.Combine(WorkDirectory, "packages");

    /// <summary>The <c>.nupkg</c>, packed on first use.</summary>
    public string PackagePath
    {
        get
        {
            ProcessResult pack = _pack.Value;
            string path = Path.Combine(FeedDirectory, $"NetGen.{Version}.nupkg");
            Assert.True(pack.ExitCode == 0 && File.Exists(path), pack.Describe());
            return path;
        }
    }

    /// <summary>The NetGen.Reporting <c>.nupkg</c>, packed on first use.</summary>
    public string ReportingPackagePath
    {
        get
        {
            ProcessResult pack = _pack.Value;
            string path = Path.Combine(FeedDirectory, $"NetGen.Reporting.{Version}.nupkg");
            Assert.True(pack.ExitCode == 0 && File.Exists(path), pack.Describe());
            return path;
        }
    }

    /// <summary>The <c>dotnet pack</c> runs, on first use.</summary>
    public ProcessResult PackRun => _pack.Value;

    /// <summary>The consumer's restore and build, then its run, on first use (after packing).</summary>
    public ConsumerRun Consumer => _consumer.Value;

    /// <summary>The strict consumer's restore and build, then its run, on first use (after packing).</summary>
    public StrictConsumerRun StrictConsumer => _strictConsumer.Value;

    /// <inheritdoc />
    public void Dispose()
    {
        TryDelete(WorkDirectory);

        // The consumer restores into its own folder; should anything have put the test version into the machine's
        // cache all the same, take it out.
        TryDelete(Path.Combine(OfflineNuGetConfig.MachineGlobalPackagesFolder, "netgen", Version));
    }

    // dotnet pack src/NetGen, then src/NetGen.Reporting, -c Release -o <feed> --artifacts-path <tmp> -p:Version=<test version>: the build output goes
    // to the temporary folder too, so the repository's bin/ and obj/ are neither used nor touched. Restore reads only
    // the machine's global packages folder (which the solution's restore filled), through an offline nuget.config.
    private ProcessResult Pack()
    {
        string config = Path.Combine(WorkDirectory, "pack.nuget.config");
        OfflineNuGetConfig.Write(config, [OfflineNuGetConfig.MachineGlobalPackagesFolder], globalPackagesFolder: null);
        ProcessResult runtime = Pack(RepositoryPaths.RuntimeProject, config);
        if (runtime.ExitCode != 0)
            return runtime;
        ProcessResult reporting = Pack(RepositoryPaths.ReportingProject, config);
        return reporting with
        {
            CommandLine = runtime.CommandLine + " && " + reporting.CommandLine,
            Output = runtime.Output + reporting.Output,
            Elapsed = runtime.Elapsed + reporting.Elapsed,
        };
    }

    private ProcessResult Pack(string project, string config) =>
        DotNetCli.Run(
            RepositoryPaths.Root,
            StepTimeout,
            new Dictionary<string, string?>(),
            "pack",
            project,
            "-c", "Release",
            "-o", FeedDirectory,
            "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
            "-p:Version=" + Version,
            "-p:RestoreConfigFile=" + config,
            "-nodeReuse:false",
            "-tl:off",
            "-clp:Summary");

    // A fresh console project in the temporary folder: restore from the feed (plus the machine's cache as a folder
    // source), build with warnings as errors, then run the built program.
    private ConsumerRun BuildAndRunConsumer()
    {
        _ = PackagePath;
        QuickStart quickStart = QuickStart.FromReadme(RepositoryPaths.Readme);
        ConsumerProject.Write(ConsumerDirectory, Version, quickStart);
        OfflineNuGetConfig.Write(
            Path.Combine(ConsumerDirectory, "nuget.config"),
            [FeedDirectory, OfflineNuGetConfig.MachineGlobalPackagesFolder],
            ConsumerPackagesDirectory);
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = ConsumerPackagesDirectory };

        ProcessResult build = DotNetCli.Run(
            ConsumerDirectory,
            StepTimeout,
            environment,
            "build",
            ConsumerProject.Name + ".csproj",
            "-c", ConsumerProject.Configuration,
            "-nodeReuse:false",
            "-tl:off",
            "-clp:Summary");
        if (build.ExitCode != 0)
            return new ConsumerRun(quickStart, build, null, ConsumerDirectory);

        string assembly = Path.Combine(ConsumerDirectory, "bin", ConsumerProject.Configuration, ConsumerProject.TargetFramework, ConsumerProject.Name + ".dll");
        ProcessResult run = DotNetCli.Run(ConsumerDirectory, StepTimeout, environment, assembly);
        return new ConsumerRun(quickStart, build, run, ConsumerDirectory);
    }

    // The strict consumer (StrictConsumerProject), restored and built like the first one, then run to write a report.
    private StrictConsumerRun BuildAndRunStrictConsumer()
    {
        _ = PackagePath;
        _ = ReportingPackagePath;
        StrictConsumerProject.Write(StrictConsumerDirectory, Version);
        OfflineNuGetConfig.Write(
            Path.Combine(StrictConsumerDirectory, "nuget.config"),
            [FeedDirectory, OfflineNuGetConfig.MachineGlobalPackagesFolder],
            ConsumerPackagesDirectory);
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = ConsumerPackagesDirectory };

        ProcessResult build = DotNetCli.Run(
            StrictConsumerDirectory,
            StepTimeout,
            environment,
            "build",
            StrictConsumerProject.Name + ".csproj",
            "-c", ConsumerProject.Configuration,
            "-nodeReuse:false",
            "-tl:off",
            "-clp:Summary");
        string report = Path.Combine(StrictConsumerDirectory, "report.html");
        if (build.ExitCode != 0)
            return new StrictConsumerRun(build, null, StrictConsumerDirectory, report);

        string assembly = Path.Combine(StrictConsumerDirectory, "bin", ConsumerProject.Configuration, ConsumerProject.TargetFramework, StrictConsumerProject.Name + ".dll");
        ProcessResult run = DotNetCli.Run(StrictConsumerDirectory, StepTimeout, environment, assembly, report);
        return new StrictConsumerRun(build, run, StrictConsumerDirectory, report);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary folder must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
