using System;

namespace NetGen.Package.Tests;

/// <summary>How a child process ended.</summary>
/// <param name="CommandLine">The command, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
/// <param name="Elapsed">The wall-clock time the process took.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The result as a failure message: the command, the exit code, the time and the whole output.</summary>
    public string Describe() => $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:F1} s:\n{Output}";
}
