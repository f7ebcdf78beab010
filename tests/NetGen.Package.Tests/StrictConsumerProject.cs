using System.Collections.Generic;
using System.IO;
using NetGen.Generator.Tests.Consumers;

namespace NetGen.Package.Tests;

/// <summary>
/// Writes a second consumer of the packed NetGen and NetGen.Reporting, built the strictest way a user can: nullable
/// disabled, C# 12, <c>AnalysisLevel latest-all</c> (every .NET analyzer rule on as a warning) and warnings as
/// errors. It holds the generator tests' representative declarations (<see cref="ConsumerDeclarations"/>) and a
/// program that trains the hw0 network one step and writes a training report.
/// </summary>
internal static class StrictConsumerProject
{
    /// <summary>The project's and assembly's name.</summary>
    public const string Name = "NetGenStrictConsumer";

    /// <summary>The C# version the project pins: the oldest the README supports.</summary>
    public const string LanguageVersion = "12";

    /// <summary>
    /// Rules that latest-all reports in the consumer's own hand-written files (a network in the global namespace, nested
    /// public types, unsealed internal classes never instantiated, public types in an executable, literal strings and
    /// <see cref="System.Random"/> in the program). Each of those files disables them with a pragma, which reaches no
    /// other file: the generated files are analyzed with every rule on.
    /// </summary>
    public static readonly IReadOnlyList<string> RulesOffInHandWrittenFiles =
        ["CA1034", "CA1050", "CA1303", "CA1515", "CA1812", "CA1852", "CA5394"];

    /// <summary>Writes the project into <paramref name="directory"/>.</summary>
    /// <param name="directory">An empty folder outside the repository.</param>
    /// <param name="packageVersion">The NetGen and NetGen.Reporting version to reference.</param>
    public static void Write(string directory, string packageVersion)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), ProjectFile(packageVersion));
        for (int i = 0; i < ConsumerDeclarations.All.Count; i++)
            File.WriteAllText(Path.Combine(directory, $"Network{i}.cs"), HandWritten(ConsumerDeclarations.All[i]));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), HandWritten(Program));
    }

    private static string HandWritten(string source) =>
        "#pragma warning disable " + string.Join(", ", RulesOffInHandWrittenFiles) + "\n" + source + "\n";

    private static string ProjectFile(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{ConsumerProject.TargetFramework}</TargetFramework>
            <ImplicitUsings>disable</ImplicitUsings>
            <Nullable>disable</Nullable>
            <LangVersion>{LanguageVersion}</LangVersion>
            <AnalysisLevel>latest-all</AnalysisLevel>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="NetGen" Version="{packageVersion}" />
            <PackageReference Include="NetGen.Reporting" Version="{packageVersion}" />
          </ItemGroup>
        </Project>

        """;

    // One SGD step of the hw0 network on 20 synthetic digits, then a report with their confusion matrix and PNGs.
    private const string Program = """
        using System;
        using NetGen;
        using NetGen.Data;
        using NetGen.Reporting;

        internal static class Program
        {
            private static int Main(string[] args)
            {
                const int Count = 20;
                const int Side = 28;
                var random = new Random(7);
                float[] images = new float[Count * Side * Side];
                byte[] labels = new byte[Count];
                for (int i = 0; i < images.Length; i++)
                    images[i] = random.NextSingle();
                for (int i = 0; i < Count; i++)
                    labels[i] = (byte)(i % 10);

                var network = new Consumers.Hw0.MnistMlp();
                network.Initialize(1);
                Evaluation before = network.Evaluate(images, labels, Count);
                network.TrainBatch(images, labels, Count, 0.01f);
                Evaluation after = network.Evaluate(images, labels, Count);

                var report = new TrainingReport("strict consumer", Consumers.Hw0.MnistMlp.Spec);
                report.AddEpoch(before, after, TimeSpan.FromSeconds(1));
                report.TestResults = ClassificationResults.Evaluate(network, new ImageDataSet(images, labels, Side, Side));
                string path = HtmlReportWriter.Write(report, args[0]);
                Console.WriteLine("wrote " + path);
                return 0;
            }
        }
        """;
}
