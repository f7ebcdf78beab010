using System;
using System.Linq;
using Google.Protobuf;
using NetGen.IntegrationTests.Networks;
using Onnx;

namespace NetGen.Onnx.Tests;

/// <summary>
/// The other spellings of the same MLP that import accepts (as other exporters write them): each is NetGen's own
/// export rewritten, and must load to the same parameters bit for bit.
/// </summary>
public sealed class ImportFormsTests
{
    [Fact]
    public void AddWithTheBiasFirst_LoadsTheSameParameters() => AssertSameParameters(model =>
    {
        NodeProto add = model.Graph.Node.First(n => n.OpType == "Add");
        (add.Input[0], add.Input[1]) = (add.Input[1], add.Input[0]);
    });

    [Fact]
    public void BiasShapedAsARow_LoadsTheSameParameters() => AssertSameParameters(model =>
    {
        TensorProto bias = model.Graph.Initializer.First(t => t.Name == "b1");
        bias.Dims.Insert(0, 1);
    });

    [Fact]
    public void ValuesAsFloatData_LoadTheSameParameters() => AssertSameParameters(model =>
    {
        foreach (TensorProto tensor in model.Graph.Initializer)
        {
            float[] values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
            tensor.ClearRawData();
            tensor.FloatData.Add(values);
        }
    });

    [Fact]
    public void WeightsAsConstantNodes_LoadTheSameParameters() => AssertSameParameters(model =>
    {
        foreach (TensorProto tensor in model.Graph.Initializer.Reverse().ToArray())
        {
            var constant = new NodeProto { OpType = "Constant", Name = "const/" + tensor.Name };
            constant.Output.Add(tensor.Name);
            constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
            model.Graph.Node.Insert(0, constant);
        }

        model.Graph.Initializer.Clear();
    });

    [Fact]
    public void GemmWithoutTranspose_AndGemmWithTransposedWeights_LoadTheSameParameters() => AssertSameParameters(model =>
    {
        // Layer 1 as Gemm(x, W1, b1) with W1 as written; layer 2 as Gemm(x, W2^T, b2, transB = 1).
        FuseIntoGemm(model, 1, transposed: false);
        FuseIntoGemm(model, 2, transposed: true);
        Assert.Equal(new[] { "Gemm", "Relu", "Gemm" }, model.Graph.Node.Select(n => n.OpType).ToArray());
    });

    [Fact]
    public void GemmWithAlphaOtherThanOne_NamesTheNode()
    {
        INetwork network = OnnxBank.Filled(nameof(AffineReluAffine));
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(network));
        FuseIntoGemm(model, 1, transposed: false);
        model.Graph.Node[0].Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 2f });
        INetwork target = OnnxBank.Create(nameof(AffineReluAffine));

        var error = Assert.Throws<System.IO.InvalidDataException>(() => OnnxModel.Load(target, model.ToByteArray()));

        Assert.Contains("node 'layer1/Gemm' (Gemm) has alpha 2", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalData_IsRefused_NamingTheNode()
    {
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(OnnxBank.Filled(nameof(AffineReluAffine))));
        TensorProto weights = model.Graph.Initializer.First(t => t.Name == "W1");
        weights.ClearRawData();
        weights.DataLocation = TensorProto.Types.DataLocation.External;
        weights.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });

        var error = Assert.Throws<System.IO.InvalidDataException>(() => OnnxModel.Load(OnnxBank.Create(nameof(AffineReluAffine)), model.ToByteArray()));

        Assert.Contains("node 'layer1/MatMul' (MatMul): tensor 'W1' is stored in an external file", error.Message, System.StringComparison.Ordinal);
    }

    /// <summary>Replaces layer <paramref name="layer"/>'s MatMul and Add by one Gemm (the weights transposed for transB = 1).</summary>
    private static void FuseIntoGemm(ModelProto model, int layer, bool transposed)
    {
        NodeProto matMul = model.Graph.Node.Single(n => n.Name == $"layer{layer}/MatMul");
        NodeProto add = model.Graph.Node.Single(n => n.Name == $"layer{layer}/Add");
        var gemm = new NodeProto { Name = $"layer{layer}/Gemm", OpType = "Gemm" };
        gemm.Input.Add(new[] { matMul.Input[0], matMul.Input[1], add.Input[1] });
        gemm.Output.Add(add.Output[0]);
        if (transposed)
        {
            gemm.Attribute.Add(new AttributeProto { Name = "transB", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
            TensorProto weights = model.Graph.Initializer.Single(t => t.Name == matMul.Input[1]);
            int rows = (int)weights.Dims[0], columns = (int)weights.Dims[1];
            float[] values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(weights.RawData.Span).ToArray();
            var transposedValues = new float[values.Length];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++)
                    transposedValues[j * rows + i] = values[i * columns + j];
            weights.Dims[0] = columns;
            weights.Dims[1] = rows;
            weights.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(transposedValues.AsSpan()));
        }

        int at = model.Graph.Node.IndexOf(matMul);
        model.Graph.Node.Remove(matMul);
        model.Graph.Node.Remove(add);
        model.Graph.Node.Insert(at, gemm);
    }

    private static void AssertSameParameters(System.Action<ModelProto> rewrite)
    {
        INetwork original = OnnxBank.Filled(nameof(AffineReluAffine), seed: 21);
        ModelProto model = ModelProto.Parser.ParseFrom(OnnxModel.ToBytes(original));
        rewrite(model);
        INetwork copy = OnnxBank.Create(nameof(AffineReluAffine));

        OnnxModel.Load(copy, model.ToByteArray());

        Assert.Equal(OnnxBank.Bits(original), OnnxBank.Bits(copy));
    }
}
