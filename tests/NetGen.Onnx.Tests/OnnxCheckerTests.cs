using System.Collections.Generic;
using NetGen.IntegrationTests.Networks;
using NetGen.Onnx.Tests.Infrastructure;

namespace NetGen.Onnx.Tests;

/// <summary>Debian's python3-onnx 1.12 checker (IR 8, opsets up to 17) accepts every file NetGen writes.</summary>
public sealed class OnnxCheckerTests
{
    [Fact]
    public void Checker_AcceptsEveryExportedFile_OfTheBank_WithAndWithoutHeads()
    {
        using var folder = new TemporaryFolder();
        var paths = new List<string>();
        foreach (string name in OnnxBank.Names)
        {
            string path = folder.File(name + ".onnx");
            OnnxModel.Save(OnnxBank.Filled(name), path);
            paths.Add(path);
        }

        foreach (OnnxHead head in new[] { OnnxHead.Softmax, OnnxHead.Sigmoid })
        {
            string path = folder.File($"{nameof(MnistMlp)}-{head}.onnx");
            OnnxModel.Save(OnnxBank.Filled(nameof(MnistMlp)), path, new OnnxExportOptions { Head = head });
            paths.Add(path);
        }

        string output = OnnxChecker.Check(paths.ToArray());

        foreach (string path in paths)
            Assert.Contains("ok 1.12.0 " + path, output, System.StringComparison.Ordinal);
    }
}
