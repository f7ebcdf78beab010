using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace NetGen.Samples.Mnist;

/// <summary>
/// Finds the folder with the four IDX files: <c>--data</c>, then <c>$MNIST_DIR</c>, then the repository's
/// <c>data/mnist</c> (or <c>data/fashion</c>), which <c>data/fetch-mnist.sh</c> fills and verifies when it is incomplete.
/// </summary>
internal static class DataLocator
{
    private static readonly string[] Stems =
    {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    };

    public static string Locate(SampleOptions options)
    {
        if (options.DataDirectory is not null)
            return options.DataDirectory;
        string? fromEnvironment = Environment.GetEnvironmentVariable(options.Dataset == "fashion" ? "FASHION_MNIST_DIR" : "MNIST_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;

        string root = FindRepositoryRoot()
            ?? throw new InvalidOperationException("Cannot find the NetGen repository (a folder with NetGen.sln) above the current directory; pass --data DIR with the four IDX files.");
        string folder = Path.Combine(root, "data", options.Dataset == "fashion" ? "fashion" : "mnist");
        if (IsComplete(folder))
            return folder;

        Console.Error.WriteLine($"{folder} is incomplete; running data/fetch-mnist.sh to fetch and verify the files...");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "data", "fetch-mnist.sh"));
        start.ArgumentList.Add("--dataset");
        start.ArgumentList.Add(options.Dataset);
        start.RedirectStandardOutput = true; // progress goes to stderr, so stdout keeps only the table
        using Process fetch = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash to run data/fetch-mnist.sh.");
        fetch.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        fetch.BeginOutputReadLine();
        fetch.WaitForExit();
        if (fetch.ExitCode != 0 || !IsComplete(folder))
            throw new InvalidOperationException($"data/fetch-mnist.sh failed (exit code {fetch.ExitCode}); see its message above, or pass --data DIR.");
        return folder;
    }

    private static bool IsComplete(string folder) =>
        Stems.All(stem => File.Exists(Path.Combine(folder, stem)) || File.Exists(Path.Combine(folder, stem + ".gz")));

    private static string? FindRepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                    return dir.FullName;
        }

        return null;
    }
}
