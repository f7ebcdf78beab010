using System;
using System.IO;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Benchmarks;

/// <summary>The generator's own cost: one full run of the pipeline on the 784-400-10 declaration.</summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Declaration = """
        using NetGen;
        namespace Bench;
        [Network(784, MaxBatch = 100)]
        [Dense(400, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
        [Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
        public partial class Mlp400 { }
        """;

    private CSharpCompilation _compilation = null!;
    private ISourceGenerator _generator = null!;

    /// <summary>Builds the compilation and loads the generator assembly the samples use.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText(Declaration) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assembly generatorAssembly = Assembly.LoadFrom(GeneratorPath());
        Type type = generatorAssembly.GetType("NetGen.Generator.NetworkGenerator", throwOnError: true)!;
        _generator = ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }

    /// <summary>Parse, model and emit, from a cold driver.</summary>
    [Benchmark]
    public int GenerateMlp400()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(_generator).RunGenerators(_compilation);
        return driver.GetRunResult().GeneratedTrees.Length;
    }

    private static string GeneratorPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "generator", "NetGen.Generator", "bin", "Release", "netstandard2.0", "NetGen.Generator.dll");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException("Build the generator in Release first: NetGen.Generator.dll not found.");
    }
}
