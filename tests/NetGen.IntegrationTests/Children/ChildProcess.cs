using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace NetGen.IntegrationTests.Children;

/// <summary>Runs this test assembly as a child process (see <see cref="ChildProgram"/>) with extra environment variables.</summary>
internal static class ChildProcess
{
    /// <summary>The environment variables that change code generation, cleared in the child unless set explicitly.</summary>
    private static readonly string[] JitVariables =
    {
        "DOTNET_MaxVectorTBitWidth", "DOTNET_PreferredVectorBitWidth", "DOTNET_TieredCompilation", "DOTNET_TieredPGO",
        "DOTNET_ReadyToRun", "DOTNET_JitStdOutFile", "DOTNET_JitDisasmSummary", "DOTNET_EnableHWIntrinsic",
    };

    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        // The SDK tells the processes it starts where the dotnet host is; fall back to the one on PATH.
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProgram).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (string variable in JitVariables)
            start.Environment.Remove(variable);
        foreach (KeyValuePair<string, string> variable in environment)
            start.Environment[variable.Key] = variable.Value;

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + host);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The child process ({string.Join(' ', arguments)}) did not finish in 2 minutes.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
