using System;
using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.Specification;
using Onnx;

namespace NetGen.Onnx.Tests;

/// <summary>What an exported file contains: versions, names, shapes, the declaration, the weights in NetGen's layout.</summary>
public sealed class ExportFormatTests
{
    public static TheoryData<string> Bank => OnnxBank.Data();

    [Fact]
    public void Model_IsIrVersion8_Opset17_FromNetGen()
    {
        ModelProto model = Parse(OnnxBank.Filled(nameof(OddWidths)));

        Assert.Equal(8, model.IrVersion);
        OperatorSetIdProto opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal("NetGen", model.ProducerName);
        Assert.Equal(nameof(OddWidths), model.Graph.Name);
    }

    [Fact]
    public void InputAndOutput_AreFloatMatrices_WithASymbolicBatchDimension()
    {
        ModelProto model = Parse(OnnxBank.Filled(nameof(DeepTanhSigmoid)));

        AssertMatrix(Assert.Single(model.Graph.Input), "input", 9);
        AssertMatrix(Assert.Single(model.Graph.Output), "output", 3);
    }

    [Fact]
    public void Names_FollowTheOptions()
    {
        INetwork network = OnnxBank.Filled(nameof(MnistMlp));
        var options = new OnnxExportOptions { InputName = "pixels", OutputName = "logits", GraphName = "digits" };

        ModelProto model = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(network, options));

        Assert.Equal("digits", model.Graph.Name);
        AssertMatrix(Assert.Single(model.Graph.Input), "pixels", 784);
        AssertMatrix(Assert.Single(model.Graph.Output), "logits", 10);
        Assert.Equal("pixels", model.Graph.Node[0].Input[0]);
        Assert.Equal("logits", model.Graph.Node[^1].Output[0]);
    }

    [Fact]
    public void Declaration_IsInTheDocStringAndMetadata()
    {
        INetwork network = OnnxBank.Filled(nameof(SmoothOutputs));

        ModelProto model = Parse(network);

        string spec = network.Spec.ToString();
        Assert.Equal(spec, model.Graph.DocString);
        Assert.Contains(spec, model.DocString, StringComparison.Ordinal);
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(spec, metadata[OnnxFormat.SpecKey]);
        Assert.Equal("16 8 Identity bias\n8 20 Softplus nobias\n20 32 ReLU bias", metadata[OnnxFormat.LayersKey]);
        Assert.Equal("HalfSquaredError", metadata[OnnxFormat.LossKey]);
        Assert.Equal("Sum", metadata[OnnxFormat.ReductionKey]);
        Assert.Equal("None", metadata[OnnxFormat.HeadKey]);
    }

    [Fact]
    public void Nodes_AreMatMulAddActivation_PerLayer()
    {
        ModelProto model = Parse(OnnxBank.Filled(nameof(OddWidths)));

        // 5 -> 17 Softplus -> 33 ReLU (no bias) -> 9
        Assert.Equal(
            new[] { "MatMul", "Add", "Softplus", "MatMul", "Relu", "MatMul", "Add" },
            model.Graph.Node.Select(n => n.OpType).ToArray());
        Assert.Equal(
            new[] { "layer1/MatMul", "layer1/Add", "layer1/Softplus", "layer2/MatMul", "layer2/Relu", "layer3/MatMul", "layer3/Add" },
            model.Graph.Node.Select(n => n.Name).ToArray());
        for (int i = 1; i < model.Graph.Node.Count; i++)
            Assert.Equal(model.Graph.Node[i - 1].Output[0], model.Graph.Node[i].Input[0]);
    }

    [Theory]
    [MemberData(nameof(Bank))]
    public void Initializers_AreTheParameters_InInputsByUnitsLayout_BitForBit(string name)
    {
        INetwork network = OnnxBank.Filled(name);

        ModelProto model = Parse(network);

        var initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.Equal(network.Spec.Layers.Sum(l => l.HasBias ? 2 : 1), initializers.Count);
        foreach (LayerSpec layer in network.Spec.Layers)
        {
            TensorProto weights = initializers[layer.WeightName];
            Assert.Equal(new long[] { layer.Inputs, layer.Units }, weights.Dims.ToArray());
            Assert.Equal((int)TensorProto.Types.DataType.Float, weights.DataType);
            Assert.Equal(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(network.Parameters.Slice(layer.WeightOffset, layer.WeightCount)).ToArray(),
                weights.RawData.ToByteArray());
            if (!layer.HasBias)
            {
                Assert.False(initializers.ContainsKey(layer.BiasName));
                continue;
            }

            TensorProto bias = initializers[layer.BiasName];
            Assert.Equal(new long[] { layer.Units }, bias.Dims.ToArray());
            Assert.Equal(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(network.Parameters.Slice(layer.BiasOffset, layer.Units)).ToArray(),
                bias.RawData.ToByteArray());
        }
    }

    [Fact]
    public void Heads_AreOffByDefault_AndAddOneNodeWhenAsked()
    {
        INetwork network = OnnxBank.Filled(nameof(MnistMlp));

        Assert.Equal("MatMul", Parse(network).Graph.Node[^1].OpType);
        NodeProto softmax = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(network, new OnnxExportOptions { Head = OnnxHead.Softmax })).Graph.Node[^1];
        Assert.Equal("Softmax", softmax.OpType);
        Assert.Equal(-1, Assert.Single(softmax.Attribute, a => a.Name == "axis").I);
        Assert.Equal("output", softmax.Output[0]);
        Assert.Equal("Sigmoid", ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(network, new OnnxExportOptions { Head = OnnxHead.Sigmoid })).Graph.Node[^1].OpType);
    }

    [Fact]
    public void SameParameters_GiveTheSameBytes_OtherParametersOtherBytes()
    {
        INetwork first = OnnxBank.Filled(nameof(DeepTanhSigmoidClassifier), seed: 5);
        INetwork second = OnnxBank.Filled(nameof(DeepTanhSigmoidClassifier), seed: 5);

        byte[] bytes = OnnxModel.ToBytes(first);
        Assert.Equal(bytes, OnnxModel.ToBytes(first));
        Assert.Equal(bytes, OnnxModel.ToBytes(second));

        second.Parameters[7] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(second.Parameters[7]) + 1);
        Assert.NotEqual(bytes, OnnxModel.ToBytes(second));
    }

    [Fact]
    public void Save_WritesTheBytesOfToBytes_ToAFileAndAStream()
    {
        INetwork network = OnnxBank.Filled(nameof(WideHidden));
        using var folder = new Infrastructure.TemporaryFolder();
        string path = folder.File("wide.onnx");

        OnnxModel.Save(network, path);
        using var stream = new System.IO.MemoryStream();
        OnnxModel.Save(network, stream);

        Assert.Equal(OnnxModel.ToBytes(network), System.IO.File.ReadAllBytes(path));
        Assert.Equal(OnnxModel.ToBytes(network), stream.ToArray());
        Assert.Single(System.IO.Directory.GetFiles(folder.Path)); // no temporary file left behind
    }

    private static ModelProto Parse(INetwork network) => ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(network));

    private static void AssertMatrix(ValueInfoProto value, string name, int columns)
    {
        Assert.Equal(name, value.Name);
        Assert.Equal((int)TensorProto.Types.DataType.Float, value.Type.TensorType.ElemType);
        var dims = value.Type.TensorType.Shape.Dim;
        Assert.Equal(2, dims.Count);
        Assert.Equal("batch", dims[0].DimParam);
        Assert.False(dims[0].HasDimValue);
        Assert.Equal(columns, dims[1].DimValue);
    }
}
