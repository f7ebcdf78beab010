using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetGen.Samples.Tests;

/// <summary>Runs a sample's built assembly with <c>dotnet</c> as a child process and captures what it prints.</summary>
internal static class SampleProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string assemblyName, TimeSpan timeout, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["CI"] = "true"; // no progress bar

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{assemblyName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.\n{output.Result}\n{error.Result}");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
