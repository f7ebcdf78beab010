extern alias runtime;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// The metadata references of every compilation the tests build: the shared framework the test host runs on
/// (from the trusted platform assemblies) plus the NetGen runtime. Loaded once, shared by all tests.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyAll = new(Load);

    /// <summary>The framework assemblies and NetGen.dll.</summary>
    public static ImmutableArray<MetadataReference> All => LazyAll.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        // The test host's TPA list also holds xunit, Roslyn and the generator itself (which compiles the runtime's
        // enums into itself): keep only the shared framework, the assemblies a user's project compiles against.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var framework = trusted
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));

        MetadataReference netGen = MetadataReference.CreateFromFile(typeof(runtime::NetGen.NetworkAttribute).Assembly.Location);
        return framework.Append(netGen).ToImmutableArray();
    }
}
