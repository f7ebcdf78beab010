using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace NetGen.Samples.Tests;

/// <summary>Runs a sample's built assembly under <c>mpirun -np N</c> and captures what the job prints.</summary>
internal static class MpiSampleProcess
{
    public static SampleProcess.Result Run(string assemblyName, int ranks, TimeSpan timeout, params string[] arguments)
    {
        string mpirun = Array.Find((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator), folder => File.Exists(Path.Combine(folder, "mpirun"))) is string folder
            ? Path.Combine(folder, "mpirun")
            : throw new InvalidOperationException("mpirun is not installed: install Debian's 'openmpi-bin libopenmpi-dev' (apt-get install --no-install-recommends openmpi-bin libopenmpi-dev; .ci/run does).");
        string dll = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built next to the tests.");

        var start = new ProcessStartInfo(mpirun)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As root in a container with fewer cores than ranks, without the single-copy (CMA) transport that needs ptrace rights.
        foreach (string option in new[] { "--allow-run-as-root", "--oversubscribe", "--mca", "btl_vader_single_copy_mechanism", "none", "-np", ranks.ToString(CultureInfo.InvariantCulture), "dotnet", dll })
            start.ArgumentList.Add(option);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["CI"] = "true"; // no progress bar
        start.Environment["TERM"] = "dumb";

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpirun -np {ranks} {assemblyName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.\n{output.Result}\n{error.Result}");
        }

        process.WaitForExit();
        return new SampleProcess.Result(process.ExitCode, output.Result, error.Result);
    }
}
