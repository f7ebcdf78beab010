using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// The NetGen package holds the runtime, its docs, the generator and the README, and nothing of Roslyn; the
/// NetGen.Reporting package holds the report and depends on NetGen.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Package_HoldsRuntimeDocsGeneratorReadmeAndLicense()
    {
        string[] entries = Entries();

        Assert.Contains("lib/net10.0/NetGen.dll", entries);
        Assert.Contains("lib/net10.0/NetGen.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/NetGen.Generator.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Contains("NetGen.nuspec", entries);
    }

    [Fact]
    public void Package_HoldsNoRoslynAndNoOtherAssemblies()
    {
        string[] assemblies = Entries().Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToArray();

        Assert.DoesNotContain(assemblies, e => Path.GetFileName(e).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["analyzers/dotnet/cs/NetGen.Generator.dll", "lib/net10.0/NetGen.dll"], assemblies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Package_ReadmeIsTheRepositoryReadme()
    {
        using ZipArchive package = ZipFile.OpenRead(fixture.PackagePath);
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());

        Assert.Equal(File.ReadAllText(RepositoryPaths.Readme), reader.ReadToEnd());
    }

    [Fact]
    public void Nuspec_HasVersionLicenseReadmeDescriptionTags_AndNoDependencyOnTheGeneratorOrRoslyn()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal("NetGen", Value("id"));
        Assert.Equal(fixture.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.Equal("README.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("source-generator", Value("tags").Split(' '));
        Assert.Equal("NetGen contributors", Value("authors"));

        string[] dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();
        Assert.DoesNotContain(dependencies, id => id.StartsWith("NetGen", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(dependencies, id => id.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Nuspec_NamesNoHost()
    {
        // The project is repository-neutral: no project, repository or icon URL. (NuGet itself writes licenseUrl, a
        // fixed pointer to the license expression's text, next to every license expression.)
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string[] withUrls = metadata.Descendants()
            .Where(e => e.Name.LocalName != "licenseUrl")
            .Where(e => e.Attributes().Any(a => a.Value.Contains("://", StringComparison.Ordinal)) || (!e.HasElements && e.Value.Contains("://", StringComparison.Ordinal)))
            .Select(e => e.ToString())
            .ToArray();

        Assert.Empty(withUrls);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName is "projectUrl" or "iconUrl");
    }

    [Fact]
    public void Nuspec_DependsOnSystemIOHashingAlone()
    {
        XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string[] dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToArray();

        Assert.Equal(["System.IO.Hashing"], dependencies);
    }

    [Fact]
    public void ReportingPackage_HoldsItsAssemblyDocsReadmeAndLicense_AndNothingElseCompiled()
    {
        using ZipArchive package = ZipFile.OpenRead(fixture.ReportingPackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        output.WriteLine(string.Join("\n", entries));

        Assert.Contains("lib/net10.0/NetGen.Reporting.xml", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Equal(["lib/net10.0/NetGen.Reporting.dll"], entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void ReportingNuspec_DependsOnNetGenOfTheSameVersion_AndNamesNoHost()
    {
        using ZipArchive package = ZipFile.OpenRead(fixture.ReportingPackagePath);
        using Stream stream = package.GetEntry("NetGen.Reporting.nuspec")!.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal("NetGen.Reporting", Value("id"));
        Assert.Equal(fixture.Version, Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        XElement netGen = Assert.Single(metadata.Descendants(), e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "NetGen");
        Assert.Equal(fixture.Version, netGen.Attribute("version")?.Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName is "projectUrl" or "iconUrl");
        Assert.DoesNotContain(metadata.Descendants().Where(e => e.Name.LocalName != "licenseUrl").SelectMany(e => e.Attributes()), a => a.Value.Contains("://", StringComparison.Ordinal));
    }

    private string[] Entries()
    {
        using ZipArchive package = ZipFile.OpenRead(fixture.PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();
        output.WriteLine($"{fixture.PackRun.CommandLine}: {fixture.PackRun.Elapsed.TotalSeconds:F1} s\n{string.Join("\n", entries)}");
        return entries;
    }

    private XDocument Nuspec()
    {
        using ZipArchive package = ZipFile.OpenRead(fixture.PackagePath);
        using Stream stream = package.GetEntry("NetGen.nuspec")!.Open();
        return XDocument.Load(stream);
    }
}
