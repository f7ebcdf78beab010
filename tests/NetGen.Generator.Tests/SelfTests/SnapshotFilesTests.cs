using System;
using System.IO;
using System.Linq;
using System.Reflection;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>The approved snapshots on disk belong to tests that exist: a renamed or deleted test leaves no orphan file.</summary>
public sealed class SnapshotFilesTests
{
    [Fact]
    public void EveryVerifiedFile_BelongsToATestMethod_AndStartsWithItsHintName()
    {
        string directory = Path.Combine(RepositoryPaths.ProjectDirectory(), "Snapshots");
        Type[] types = typeof(SnapshotFilesTests).Assembly.GetTypes();

        foreach (string path in Directory.GetFiles(directory, "*.verified.cs"))
        {
            string name = Path.GetFileName(path);
            string test = name[..name.IndexOf('#', StringComparison.Ordinal)];
            string className = test[..test.IndexOf('.', StringComparison.Ordinal)];
            string method = test[(className.Length + 1)..];
            Type? type = types.SingleOrDefault(t => t.Name == className);
            Assert.True(type is not null, name + ": no test class " + className);
            Assert.True(
                type!.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name == method || method.StartsWith(m.Name + "_", StringComparison.Ordinal)),
                name + ": no test method " + method + " on " + className);

            string hintName = name[(name.IndexOf('#', StringComparison.Ordinal) + 1)..^".verified.cs".Length] + ".cs";
            Assert.StartsWith("//HintName: " + hintName + "\n", File.ReadAllText(path), StringComparison.Ordinal);
        }
    }
}
