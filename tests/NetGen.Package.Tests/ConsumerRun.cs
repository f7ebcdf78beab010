namespace NetGen.Package.Tests;

/// <summary>What building and running the consumer project gave.</summary>
/// <param name="QuickStart">The README quick start it was built from.</param>
/// <param name="Build">The restore and build.</param>
/// <param name="Run">The run of the built program; null when the build failed.</param>
/// <param name="Directory">The consumer project's folder.</param>
public sealed record ConsumerRun(QuickStart QuickStart, ProcessResult Build, ProcessResult? Run, string Directory);

/// <summary>What building and running the strict consumer (<see cref="StrictConsumerProject"/>) gave.</summary>
/// <param name="Build">The restore and build.</param>
/// <param name="Run">The run of the built program; null when the build failed.</param>
/// <param name="Directory">The project's folder.</param>
/// <param name="ReportPath">Where the program writes its training report.</param>
public sealed record StrictConsumerRun(ProcessResult Build, ProcessResult? Run, string Directory, string ReportPath);
