using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Consumers;

/// <summary>
/// The build settings of one consumer project, as the compiler sees them: the project's <c>Nullable</c> and
/// <c>LangVersion</c>, with <c>TreatWarningsAsErrors</c>, every warning wave and XML doc binding always on.
/// </summary>
/// <param name="Nullable">The project's nullable context (<c>&lt;Nullable&gt;</c>).</param>
/// <param name="Language">The project's C# version (<c>&lt;LangVersion&gt;</c>).</param>
public sealed record ConsumerSettings(NullableContextOptions Nullable, LanguageVersion Language)
{
    /// <summary>The parse options of the consumer's sources and of the generated trees.</summary>
    public CSharpParseOptions ParseOptions =>
        GeneratorDriverHarness.ParseOptions.WithLanguageVersion(Language);

    /// <summary>The compilation options: the harness's, with this nullable context and warnings as errors.</summary>
    public CSharpCompilationOptions CompilationOptions =>
        GeneratorDriverHarness.CompilationOptions
            .WithNullableContextOptions(Nullable)
            .WithGeneralDiagnosticOption(ReportDiagnostic.Error);

    /// <inheritdoc />
    public override string ToString() => "Nullable=" + Nullable + ", LangVersion=" + Language;
}
