using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Consumers;

/// <summary>
/// The generated code compiles with zero warnings in consumer projects of every kind: each nullable context
/// (enable, disable, warnings, annotations) crossed with C# 12, 13, the latest and the preview language version that
/// this Roslyn knows, warnings as errors, every warning wave on and XML docs bound. All representative declarations
/// (<see cref="ConsumerDeclarations"/>) compile together in one compilation per setting. The analyzers of
/// <c>AnalysisLevel latest-all</c> run in a real <c>dotnet build</c> in the package tests.
/// </summary>
public sealed class ConsumerMatrixTests
{
    /// <summary>Every nullable context crossed with every language version from C# 12 on.</summary>
    public static TheoryData<NullableContextOptions, LanguageVersion> Settings()
    {
        var data = new TheoryData<NullableContextOptions, LanguageVersion>();
        foreach (NullableContextOptions nullable in new[]
                 {
                     NullableContextOptions.Enable, NullableContextOptions.Disable,
                     NullableContextOptions.Warnings, NullableContextOptions.Annotations,
                 })
            foreach (LanguageVersion language in new[]
                     {
                         LanguageVersion.CSharp12, LanguageVersion.CSharp13, LanguageVersion.Latest, LanguageVersion.Preview,
                     })
                data.Add(nullable, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void RepresentativeNetworks_CompileWithZeroWarnings(NullableContextOptions nullable, LanguageVersion language)
    {
        var settings = new ConsumerSettings(nullable, language);
        CSharpCompilation compilation = GeneratorDriverHarness.CreateCompilation(
            settings.ParseOptions, settings.CompilationOptions, ConsumerDeclarations.All.ToArray());

        GeneratorRun run = GeneratorDriverHarness.RunOnce(compilation, GeneratorDriverHarness.CreateDriver(settings.ParseOptions));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(ConsumerDeclarations.All.Count, run.GeneratedSources.Length);
        GeneratorDriverHarness.AssertCompilesClean(run);
    }
}
