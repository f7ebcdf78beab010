using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.Package.Tests;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process in a clean, offline environment: no telemetry, no logo, no MSBuild
/// node reuse, no MSBuild variables leaked from the test host, and an HTTP(S) proxy on a closed port, so that any
/// attempt to reach a package registry fails instead of silently succeeding.
/// </summary>
internal static class DotNetCli
{
    /// <summary>A proxy nothing listens on (the discard port): a request that tries to go online fails at once.</summary>
    public const string DeadProxy = "http://127.0.0.1:9";

    /// <summary>The <c>dotnet</c> host that runs the tests (the SDK's own, when run by <c>dotnet test</c>).</summary>
    public static string Executable { get; } = FindExecutable();

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and waits for it, killing it after <paramref name="timeout"/>.</summary>
    /// <param name="workingDirectory">The folder to run in.</param>
    /// <param name="timeout">How long to wait before killing the process tree and failing.</param>
    /// <param name="environment">Extra variables for the child (a null value removes the variable).</param>
    /// <param name="arguments">The arguments, passed without shell quoting.</param>
    /// <returns>How the process ended.</returns>
    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        Configure(start.Environment, environment);

        string commandLine = "dotnet " + string.Join(" ", arguments);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:F0} s:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new ProcessResult(commandLine, process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    private static void Configure(IDictionary<string, string?> variables, IReadOnlyDictionary<string, string?> extra)
    {
        // `dotnet test` runs the tests with MSBuild's own variables set (MSBuildExtensionsPath, MSBUILD_EXE_PATH, ...):
        // a child build must find its SDK and targets on its own, like a user's.
        foreach (string name in variables.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            variables.Remove(name);

        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";
        variables["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        variables["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        variables["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (string name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy" })
            variables[name] = DeadProxy;
        variables.Remove("NO_PROXY");
        variables.Remove("no_proxy");

        foreach (KeyValuePair<string, string?> pair in extra)
        {
            if (pair.Value is null)
                variables.Remove(pair.Key);
            else
                variables[pair.Key] = pair.Value;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.Append(line).Append('\n');
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    private static string FindExecutable()
    {
        // DOTNET_HOST_PATH is set by the dotnet CLI for the processes it starts; otherwise DOTNET_ROOT, then PATH.
        string name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, name)))
            return Path.Combine(root, name);
        return name;
    }
}
