using System;
using System.IO;
using System.Linq;
using Google.Protobuf;
using NetGen.IntegrationTests.Networks;
using NetGen.Onnx.Tests.Infrastructure;
using Onnx;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Files that do not fit the declaration, or are not ONNX MLPs at all: each refused with an
/// <see cref="InvalidDataException"/> that names the node (or says what is wrong with the file), parameters untouched.
/// </summary>
public sealed class BadFileTests
{
    [Fact]
    public void TruncatedFile_IsRefused_AsCutShort()
    {
        byte[] whole = OnnxModel.ToBytes(OnnxBank.Filled(nameof(DeepTanhSigmoid)));

        AssertRefused(OnnxBank.Create(nameof(DeepTanhSigmoid)), whole.AsSpan(0, whole.Length / 2).ToArray(), "cut short");
    }

    [Fact]
    public void TextFile_IsRefused_AsNotAnOnnxModel()
    {
        byte[] text = System.Text.Encoding.ASCII.GetBytes("W1,b1\n0.5,0.25\n");

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), text, "ONNX");
    }

    [Fact]
    public void WrongWeightShape_InTheSecondLayer_NamesTheNode_AndLeavesTheFirstLayerUnwritten()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine)));

        AssertRefused(new AffineReluAffineWide(), file, "node 'layer2/MatMul' (MatMul)", "'W2' are [9, 3]", "declared 9 -> 4", "[9, 4]");
    }

    [Fact]
    public void WrongBiasShape_NamesTheNode()
    {
        byte[] file = Mutate(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))), model =>
        {
            TensorProto bias = model.Graph.Initializer.Single(t => t.Name == "b1");
            bias.Dims[0] = 3;
            bias.RawData = ByteString.CopyFrom(bias.RawData.Span[..12]);
        });

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "node 'layer1/Add' (Add)", "'b1' is [3]", "[9]");
    }

    [Fact]
    public void WrongInputWidth_IsRefused()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine)));

        AssertRefused(OnnxBank.Create(nameof(WideHidden)), file, "node 'layer1/MatMul' (MatMul)", "[6, 9]", "[7, 65]");
    }

    [Fact]
    public void OtherActivation_NamesTheNode()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine)));

        AssertRefused(new AffineTanhAffine(), file, "node 'layer1/Relu' (Relu)", "ReLU", "the declaration says Tanh");
    }

    [Fact]
    public void MissingActivation_NamesTheLayersLastNode()
    {
        byte[] file = Mutate(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))), model =>
        {
            NodeProto relu = model.Graph.Node.Single(n => n.OpType == "Relu");
            model.Graph.Node.Remove(relu);
            model.Graph.Node.Single(n => n.Name == "layer2/MatMul").Input[0] = relu.Input[0];
        });

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "Layer 1 ends at node 'layer1/Add' (Add) without an activation", "ReLU");
    }

    [Fact]
    public void UnsupportedOperator_NamesTheNode()
    {
        byte[] file = Mutate(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))), model =>
        {
            NodeProto relu = model.Graph.Node.Single(n => n.OpType == "Relu");
            relu.OpType = "Selu";
            relu.Name = "layer1/Selu";
        });

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "node 'layer1/Selu' (Selu)", "Selu is not supported");
    }

    [Fact]
    public void PyTorchConvolution_NamesTheConvNode()
    {
        byte[] file = File.ReadAllBytes(RepositoryPaths.Fixture("torch_conv.onnx"));

        AssertRefused(new ConvShaped(), file, "node '/0/Conv' (Conv) is a convolution");
    }

    [Fact]
    public void MissingBias_NamesTheLayersMatMul()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(WideHidden)));

        AssertRefused(new WideHiddenAllBiases(), file, "Layer 1 is declared with a bias", "node 'layer1/MatMul' (MatMul)");
    }

    [Fact]
    public void UndeclaredBias_NamesTheAddNode()
    {
        var withBiases = new WideHiddenAllBiases();
        TestParameters.Fill(withBiases, 4);
        byte[] file = OnnxModel.ToBytes(withBiases);

        AssertRefused(OnnxBank.Create(nameof(WideHidden)), file, "node 'layer1/Add' (Add) adds a bias 'b1'", "declared without one");
    }

    [Fact]
    public void ExtraLayer_NamesTheNodeThatStartsIt()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine)));

        AssertRefused(new AffineReluOnly(), file, "node 'layer2/MatMul' (MatMul) starts layer 2", "has 1 layer(s)");
    }

    [Fact]
    public void MissingLayer_NamesTheLastNode()
    {
        var oneLayer = new AffineReluOnly();
        TestParameters.Fill(oneLayer, 4);

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), OnnxModel.ToBytes(oneLayer), "ends at node 'layer1/Relu' (Relu) after 1 layer(s)", "has 2");
    }

    [Fact]
    public void DoubleWeights_NameTheNode()
    {
        byte[] file = Mutate(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))), model =>
            model.Graph.Initializer.Single(t => t.Name == "W2").DataType = (int)TensorProto.Types.DataType.Double);

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "node 'layer2/MatMul' (MatMul)", "'W2' holds Double values");
    }

    [Fact]
    public void NonFiniteWeight_NamesTheNode()
    {
        INetwork network = OnnxBank.Filled(nameof(AffineReluAffine));
        network.Parameters[network.Spec.Layers[1].WeightOffset + 4] = float.NaN;

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), OnnxModel.ToBytes(network), "node 'layer2/MatMul' (MatMul)", "non-finite", "index 4");
    }

    [Fact]
    public void SoftmaxHead_OnARegressor_NamesTheNode()
    {
        byte[] file = OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine)), new OnnxExportOptions { Head = OnnxHead.Softmax });

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "node 'head/Softmax' (Softmax)", "SquaredError");
    }

    [Fact]
    public void ABranch_OffTheChain_NamesTheNode()
    {
        byte[] file = Mutate(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))), model =>
            model.Graph.Node.Single(n => n.Name == "layer2/MatMul").Input[0] = "input");

        AssertRefused(OnnxBank.Create(nameof(AffineReluAffine)), file, "node 'layer2/MatMul' (MatMul) reads 'input'", "'layer1/a'");
    }

    private static byte[] Mutate(byte[] file, Action<ModelProto> change)
    {
        ModelProto model = ModelProto.Parser.ParseFrom(file);
        change(model);
        return model.ToByteArray();
    }

    /// <summary>The load throws an InvalidDataException whose message has every fragment, and the parameters stay bit for bit.</summary>
    private static void AssertRefused(INetwork network, byte[] file, params string[] fragments)
    {
        TestParameters.Fill(network, 99);
        int[] before = OnnxBank.Bits(network);

        var error = Assert.Throws<InvalidDataException>(() => OnnxModel.Load(network, file));

        foreach (string fragment in fragments)
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, OnnxBank.Bits(network));
    }
}
