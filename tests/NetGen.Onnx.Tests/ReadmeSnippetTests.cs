using System;
using System.IO;
using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.Onnx.Tests.Infrastructure;

namespace NetGen.Onnx.Tests;

/// <summary>The README's "without any runtime" Python snippet, run as written on an exported hw0 network.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void ReadmeNumpySnippet_ReadsTheDeclarationAndTheWeights()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        string snippet = readme.Split("```python\n").Skip(1).Select(block => block[..block.IndexOf("```", StringComparison.Ordinal)])
            .Single(block => block.Contains("numpy_helper", StringComparison.Ordinal));
        using var folder = new TemporaryFolder();
        INetwork network = OnnxBank.Filled(nameof(MnistMlp));
        OnnxModel.Save(network, folder.File("mnist.onnx"));

        string output = OnnxChecker.RunScript(snippet, folder.Path);

        Assert.Equal(network.Spec + " (784, 100)", output.Trim());
    }
}
