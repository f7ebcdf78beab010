using System;
using System.IO;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>Where the repository, the shared MNIST copy beside it and this project's fixtures are.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>NetGen.sln</c>, found by walking up from <see cref="AppContext.BaseDirectory"/>.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException($"No NetGen.sln in {AppContext.BaseDirectory} or any folder above it.");
        }
    }

    /// <summary><c>&lt;repository root&gt;/../shared/mnist</c>: the verified MNIST copy CI keeps beside the repository.</summary>
    public static string SharedMnist => Path.GetFullPath(Path.Combine(Root, "..", "shared", "mnist"));

    /// <summary>The PyTorch fixtures, copied beside the test assembly.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
