using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Package.Tests.Readme;

/// <summary>
/// Every C# block of the README compiles, with the generator, without a warning: whole programs as they stand,
/// fragments inside the wrapper their marker describes (see <see cref="ReadmeExample"/>).
/// </summary>
public sealed class ReadmeExamplesTests
{
    private static readonly Lazy<IReadOnlyList<ReadmeExample>> Examples = new(() => ReadmeExample.Parse(File.ReadAllText(RepositoryPaths.Readme)));

    /// <summary>The README's C# blocks, by line.</summary>
    public static TheoryData<int> ExampleLines()
    {
        var data = new TheoryData<int>();
        foreach (ReadmeExample example in Examples.Value)
            data.Add(example.Line);
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleLines))]
    public void ReadmeExample_Compiles(int line)
    {
        ReadmeExample example = Examples.Value.Single(e => e.Line == line);
        ImmutableArray<Diagnostic> diagnostics = ReadmeExampleCompiler.Compile(example);
        Assert.True(
            diagnostics.IsEmpty,
            $"The C# block at README.md line {line} does not compile cleanly:\n"
            + string.Join("\n", diagnostics.Select(d => d.ToString()))
            + "\n--- compiled as ---\n" + ReadmeExampleCompiler.Source(example));
    }

    [Fact]
    public void QuickStart_IsAWholeProgram()
    {
        // The first block is the quick start: it must compile as a user pastes it, not as a fragment.
        ReadmeExample first = Examples.Value[0];
        Assert.Null(first.Fragment);
        Assert.Contains("[Network(", first.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCSharpBlock_IsTaggedCSharp()
    {
        // A block tagged cs or c# would escape the compile check above.
        string[] languages = [.. ReadmeExample.FenceLanguages(File.ReadAllText(RepositoryPaths.Readme))];
        Assert.DoesNotContain(languages, l => l != "csharp" && (l.Equals("cs", StringComparison.OrdinalIgnoreCase) || l.Equals("c#", StringComparison.OrdinalIgnoreCase) || l.Equals("csharp", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(languages.Count(l => l == "csharp"), Examples.Value.Count);
    }

    [Fact]
    public void Compiler_ReportsABrokenExample()
    {
        // The check can fail: a wrong member name and a fragment missing its parameter are both reported.
        var wrongMember = new ReadmeExample(1, "using NetGen;\nEpochResult e = default;\nConsole.WriteLine(e.Rows);", null, string.Empty);
        Assert.Contains(ReadmeExampleCompiler.Compile(wrongMember), d => d.Id == "CS1061");
        var unboundFragment = new ReadmeExample(1, "NetworkCheckpoint.Save(network, \"a.npz\");", "", string.Empty);
        Assert.Contains(ReadmeExampleCompiler.Compile(unboundFragment), d => d.Id == "CS0103");
        var classFirst = new ReadmeExample(1, "using NetGen;\n[Network(4)] [Dense(2)] public partial class Net { }\nvar n = new Net();", null, string.Empty);
        Assert.Contains(ReadmeExampleCompiler.Compile(classFirst), d => d.Id == "CS8803");
    }

    [Fact]
    public void Parse_ReadsMarkersAndTheirContext()
    {
        const string markdown = "text\n\n<!-- fragment(INetwork network, int n)\nstatic int Twice(int x) => 2 * x;\n-->\n```csharp\nint k = Twice(n);\n```\n\n```csharp\nusing NetGen;\n```\n";
        IReadOnlyList<ReadmeExample> examples = ReadmeExample.Parse(markdown);
        Assert.Equal(2, examples.Count);
        Assert.Equal("INetwork network, int n", examples[0].Fragment);
        Assert.Equal("static int Twice(int x) => 2 * x;", examples[0].Context);
        Assert.Equal("int k = Twice(n);", examples[0].Code);
        Assert.Equal(6, examples[0].Line); // the fence's line
        Assert.Null(examples[1].Fragment);
        Assert.Empty(ReadmeExampleCompiler.Compile(examples[0]));
        Assert.Throws<FormatException>(() => ReadmeExample.Parse("<!-- fragment(int n) -->\n\nplain text\n"));
        ReadmeExample onnx = Assert.Single(ReadmeExample.Parse("<!-- references(NetGen.Onnx, Microsoft.ML.OnnxRuntime) -->\n```csharp\nusing NetGen.Onnx;\n```\n"));
        Assert.Null(onnx.Fragment);
        Assert.Equal(["NetGen.Onnx", "Microsoft.ML.OnnxRuntime"], onnx.References);
        Assert.Empty(ReadmeExample.Parse("<!-- a plain comment -->\n"));
    }
}
