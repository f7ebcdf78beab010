using NetGen.IntegrationTests.Networks;

namespace NetGen.Onnx.Tests;

/// <summary>Export, then import into a fresh network of the same declaration: the parameters come back bit for bit.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Bank => OnnxBank.Data();

    [Theory]
    [MemberData(nameof(Bank))]
    public void ExportThenImport_LeavesParametersBitIdentical(string name)
    {
        INetwork original = OnnxBank.Filled(name, seed: 7);
        INetwork copy = OnnxBank.Create(name);

        OnnxModel.Load(copy, OnnxModel.ToBytes(original));

        Assert.Equal(OnnxBank.Bits(original), OnnxBank.Bits(copy));
    }

    [Fact]
    public void ExportWithSoftmaxHead_ThenImport_LeavesParametersBitIdentical()
    {
        INetwork original = OnnxBank.Filled(nameof(DeepTanhSigmoidClassifier), seed: 3);
        INetwork copy = OnnxBank.Create(nameof(DeepTanhSigmoidClassifier));

        OnnxModel.Load(copy, OnnxModel.ToBytes(original, new OnnxExportOptions { Head = OnnxHead.Softmax }));

        Assert.Equal(OnnxBank.Bits(original), OnnxBank.Bits(copy));
    }

    [Fact]
    public void SaveToFile_ThenLoadFromFileAndStream_LeavesParametersBitIdentical()
    {
        INetwork original = OnnxBank.Filled(nameof(OddWidths), seed: 11);
        using var folder = new Infrastructure.TemporaryFolder();
        string path = folder.File("odd.onnx");
        OnnxModel.Save(original, path);

        INetwork fromFile = OnnxBank.Create(nameof(OddWidths));
        OnnxModel.Load(fromFile, path);
        INetwork fromStream = OnnxBank.Create(nameof(OddWidths));
        using (var stream = System.IO.File.OpenRead(path))
            OnnxModel.Load(fromStream, stream);

        Assert.Equal(OnnxBank.Bits(original), OnnxBank.Bits(fromFile));
        Assert.Equal(OnnxBank.Bits(original), OnnxBank.Bits(fromStream));
    }
}
