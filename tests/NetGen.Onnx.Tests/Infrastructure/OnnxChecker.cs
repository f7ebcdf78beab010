using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>
/// Runs Debian's <c>python3-onnx</c> checker (<c>onnx.checker.check_model</c> with <c>full_check</c>, which adds shape
/// inference) on files. Not a skip when the package is missing: the test fails and says what to install (CI's
/// <c>.ci/run</c> installs it).
/// </summary>
internal static class OnnxChecker
{
    /// <summary>Debian's interpreter, specifically: a pyenv <c>python3</c> earlier on PATH has no onnx module.</summary>
    public const string Python = "/usr/bin/python3";

    private const string InstallHint =
        "This test checks NetGen's .onnx files with Debian's ONNX checker at /usr/bin/python3: run `apt-get install -y python3-onnx` (CI's .ci/run installs it).";

    private const string Script = """
        import sys, onnx
        for path in sys.argv[1:]:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            print("ok", onnx.__version__, path)
        """;

    /// <summary>Checks every file; returns the checker's output (one <c>ok VERSION PATH</c> line per file).</summary>
    public static string Check(params string[] paths) => Run(Script, null, paths);

    /// <summary>Runs a Python script that uses the onnx module in <paramref name="workingDirectory"/>; returns what it printed.</summary>
    public static string RunScript(string script, string workingDirectory) => Run(script, workingDirectory);

    private static string Run(string script, string? workingDirectory, params string[] paths)
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} does not exist. {InstallHint}");

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-I"); // isolated: no user site-packages or PYTHON* variables
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string path in paths) start.ArgumentList.Add(path);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill();
            Assert.Fail($"{Python} did not finish within 120 s.");
        }

        string output = stdout.GetAwaiter().GetResult(), errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            if (errors.Contains("No module named 'onnx'", StringComparison.Ordinal))
                Assert.Fail($"The onnx module is not installed for {Python}. {InstallHint}\n{errors}");
            Assert.Fail($"The ONNX checker rejected a file, or the script failed ({Python} exited with {process.ExitCode}):\n{errors}\n{output}");
        }

        return output;
    }
}
