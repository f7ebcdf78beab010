using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace NetGen.Distributed.Tests;

/// <summary>Launches the test host under <c>mpirun</c> as a child process and captures what it prints.</summary>
internal static class MpiRun
{
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    public static Result Host(int ranks, TimeSpan timeout, params string[] arguments)
    {
        string mpirun = FindOnPath("mpirun")
            ?? throw new InvalidOperationException("mpirun is not installed: install Debian's 'openmpi-bin libopenmpi-dev' (apt-get install --no-install-recommends openmpi-bin libopenmpi-dev; .ci/run does).");
        string host = Path.Combine(AppContext.BaseDirectory, "NetGen.Distributed.TestHost.dll");
        Assert.True(File.Exists(host), $"{host} was not built next to the tests.");

        var start = new ProcessStartInfo(mpirun)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As root in a container, on a machine with fewer cores than ranks; without the single-copy (CMA) transport,
        // which needs ptrace rights that containers often withhold.
        foreach (string option in new[] { "--allow-run-as-root", "--oversubscribe", "--mca", "btl_vader_single_copy_mechanism", "none", "-np", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), "dotnet", host })
            start.ArgumentList.Add(option);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["TERM"] = "dumb";

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"mpirun -np {ranks} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s: a rank is waiting in a collective.\n{output.Result}\n{error.Result}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    private static string? FindOnPath(string program)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }
}
