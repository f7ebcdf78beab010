using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Runs a Python snippet with Debian's numpy. Not a skip when numpy is missing: the interop tests fail and say how
/// to install it (CI's <c>.ci/run</c> does).
/// </summary>
internal static class NumpyProcess
{
    /// <summary>Debian's interpreter, specifically: a pyenv <c>python3</c> earlier on PATH has no numpy.</summary>
    public const string Python = "/usr/bin/python3";

    private const string InstallHint =
        "These tests check that numpy reads NetGen's files, with Debian's numpy at /usr/bin/python3: run `apt-get install -y python3-numpy` (CI's .ci/run installs it).";

    public static string Run(string script, params string[] arguments)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} does not exist. {InstallHint}");

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-I"); // isolated: no user site-packages or PYTHON* variables
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            Assert.Fail($"{Python} did not finish within 60 s.");
        }

        string output = stdout.GetAwaiter().GetResult(), errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            if (errors.Contains("No module named 'numpy'", StringComparison.Ordinal))
                Assert.Fail($"numpy is not installed for {Python}. {InstallHint}\n{errors}");
            Assert.Fail($"{Python} exited with {process.ExitCode}:\n{errors}\n{output}");
        }

        return output;
    }
}
