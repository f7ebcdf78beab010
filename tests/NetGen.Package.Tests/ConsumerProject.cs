using System.IO;

namespace NetGen.Package.Tests;

/// <summary>
/// Writes a fresh console project that consumes NetGen the way a user does: a PackageReference by version (no
/// ProjectReference), warnings as errors, nullable and XML docs on, the trim and AOT analyzers on, generated files
/// written to disk. Its own empty <c>Directory.Build.*</c> and <c>Directory.Packages.props</c> stop MSBuild from
/// picking up anything above it.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>The consumer's project and assembly name.</summary>
    public const string Name = "NetGenConsumer";

    /// <summary>The configuration the test builds.</summary>
    public const string Configuration = "Release";

    /// <summary>The target framework of the consumer and of the package's lib folder.</summary>
    public const string TargetFramework = "net10.0";

    /// <summary>Steps of SGD the program takes on its synthetic batch.</summary>
    public const int Steps = 10;

    /// <summary>Writes the project into <paramref name="directory"/>.</summary>
    /// <param name="directory">An empty folder outside the repository.</param>
    /// <param name="packageVersion">The NetGen version to reference.</param>
    /// <param name="quickStart">The README's quick start.</param>
    public static void Write(string directory, string packageVersion, QuickStart quickStart)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, Name + ".csproj"), ProjectFile(packageVersion));
        File.WriteAllText(Path.Combine(directory, "QuickStartNetwork.cs"), quickStart.Declaration);
        File.WriteAllText(Path.Combine(directory, "QuickStartUsage.cs"), UsageFile(quickStart));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ProgramFile(quickStart));
    }

    private static string ProjectFile(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>{TargetFramework}</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
            <EnableTrimAnalyzer>true</EnableTrimAnalyzer>
            <EnableAotAnalyzer>true</EnableAotAnalyzer>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="NetGen" Version="{packageVersion}" />
          </ItemGroup>
        </Project>

        """;

    // The quick start's statements, compiled but never run: they must keep matching the API.
    private static string UsageFile(QuickStart quickStart) => $$"""
        // The README quick start's statements, compiled (never run) so that they keep matching NetGen's API.
        {{quickStart.Usings.TrimEnd()}}

        internal static class QuickStartUsage
        {
            internal static void Run({{quickStart.DataParameters}})
            {
        {{quickStart.Statements.TrimEnd()}}
            }
        }

        """;

    // A few SGD steps of the README's network on a synthetic batch, through the runtime's interfaces.
    private static string ProgramFile(QuickStart quickStart) => $$"""
        // A few SGD steps of the README quick start's network on a synthetic batch; prints the losses.
        using System.Globalization;
        using NetGen;

        const int Steps = {{Steps}};
        const float LearningRate = 0.01f;

        var network = new {{quickStart.NetworkType}}();
        network.Initialize(seed: 1);
        var spec = ((INetwork)network).Spec;
        int rows = Math.Min(spec.MaxBatch, 32);
        int inputSize = spec.InputSize;
        int outputSize = spec.OutputSize;

        // Row r belongs to class r % outputSize and lights up the features j with j % outputSize == r % outputSize.
        var random = new Random(20260101);
        float[] inputs = new float[rows * inputSize];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < inputSize; j++)
                inputs[r * inputSize + j] = 0.1f * random.NextSingle() + (j % outputSize == r % outputSize ? 1f : 0f);

        return (object)network switch
        {
            INetwork<byte> classifier => Train(classifier, Enumerable.Range(0, rows).Select(r => (byte)(r % outputSize)).ToArray()),
            INetwork<float> regressor => Train(regressor, Enumerable.Range(0, rows * outputSize).Select(i => (i / outputSize + i % outputSize) % 3 == 0 ? 0.5f : -0.5f).ToArray()),
            _ => Fail(),
        };

        int Train<T>(INetwork<T> trainee, T[] targets)
            where T : unmanaged
        {
            double before = trainee.Evaluate(inputs, targets, rows).MeanLoss;
            for (int step = 1; step <= Steps; step++)
            {
                float loss = trainee.TrainBatch(inputs, targets, rows, LearningRate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step} loss {loss:R}"));
            }

            double after = trainee.Evaluate(inputs, targets, rows).MeanLoss;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evaluate before {before:R} after {after:R}"));
            return 0;
        }

        int Fail()
        {
            Console.WriteLine($"{network.GetType()} implements neither INetwork<byte> nor INetwork<float>.");
            return 2;
        }

        """;
}
