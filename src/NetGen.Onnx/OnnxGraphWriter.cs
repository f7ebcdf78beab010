using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using NetGen.Specification;
using Onnx;

namespace NetGen.Onnx;

/// <summary>
/// Builds the ONNX model of a network: per layer a <c>MatMul</c> with the weights as an initializer in NetGen's own
/// <c>[inputs x units]</c> layout, an <c>Add</c> of the bias when the layer has one, and the activation's operator.
/// </summary>
/// <remarks>
/// Everything written is a function of the spec, the parameters and the options (no time stamps, no machine
/// names), and protobuf writes fields in field-number order, so the same network gives the same bytes.
/// </remarks>
internal static class OnnxGraphWriter
{
    private const string BatchDimension = "batch";

    public static ModelProto Build(NetworkSpec spec, ReadOnlySpan<float> parameters, string graphName, OnnxExportOptions options)
    {
        if (parameters.Length != spec.ParameterCount)
            throw new ArgumentException($"The network has {spec.ParameterCount} parameters but {parameters.Length} were given.", nameof(parameters));
        if (string.IsNullOrEmpty(options.InputName) || string.IsNullOrEmpty(options.OutputName) || options.InputName == options.OutputName)
            throw new ArgumentException("The input and output names must be non-empty and different.", nameof(options));
        if (!Enum.IsDefined(options.Head))
            throw new ArgumentOutOfRangeException(nameof(options), options.Head, "Unknown head.");

        var graph = new GraphProto { Name = graphName, DocString = spec.ToString() };
        graph.Input.Add(Matrix(options.InputName, spec.InputSize));
        graph.Output.Add(Matrix(options.OutputName, spec.OutputSize));

        string current = options.InputName;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            bool lastNode = i == spec.Layers.Count - 1 && options.Head == OnnxHead.None;
            string layerName = "layer" + (i + 1).ToString(CultureInfo.InvariantCulture);
            string? activation = OnnxActivations.OperatorOf(layer.Activation);

            graph.Initializer.Add(Tensor(layer.WeightName, parameters.Slice(layer.WeightOffset, layer.WeightCount), layer.Inputs, layer.Units));
            string product = layer.HasBias || activation is not null || !lastNode ? layerName + "/xW" : options.OutputName;
            graph.Node.Add(Node(layerName + "/MatMul", "MatMul", product, current, layer.WeightName));
            current = product;

            if (layer.HasBias)
            {
                graph.Initializer.Add(Tensor(layer.BiasName, parameters.Slice(layer.BiasOffset, layer.Units), layer.Units));
                string sum = activation is not null || !lastNode ? layerName + "/z" : options.OutputName;
                graph.Node.Add(Node(layerName + "/Add", "Add", sum, current, layer.BiasName));
                current = sum;
            }

            if (activation is not null)
            {
                string activated = lastNode ? options.OutputName : layerName + "/a";
                graph.Node.Add(Node(layerName + "/" + activation, activation, activated, current));
                current = activated;
            }
        }

        if (options.Head != OnnxHead.None)
        {
            string head = options.Head == OnnxHead.Softmax ? "Softmax" : "Sigmoid";
            NodeProto node = Node("head/" + head, head, options.OutputName, current);
            if (options.Head == OnnxHead.Softmax)
                node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
            graph.Node.Add(node);
        }

        var model = new ModelProto
        {
            IrVersion = OnnxFormat.IrVersion,
            ProducerName = OnnxFormat.ProducerName,
            ProducerVersion = ProducerVersion(),
            DocString = "NetGen network " + spec,
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxFormat.OpsetVersion });
        AddMetadata(model, OnnxFormat.SpecKey, spec.ToString());
        AddMetadata(model, OnnxFormat.LayersKey, DescribeLayers(spec));
        AddMetadata(model, OnnxFormat.LossKey, spec.Loss.ToString());
        AddMetadata(model, OnnxFormat.ReductionKey, spec.Reduction.ToString());
        AddMetadata(model, OnnxFormat.HeadKey, options.Head.ToString());
        return model;
    }

    /// <summary>One line per layer, <c>inputs units activation bias|nobias</c>: the declaration in a form a script can split.</summary>
    public static string DescribeLayers(NetworkSpec spec)
    {
        var text = new StringBuilder();
        foreach (LayerSpec layer in spec.Layers)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(layer.Inputs.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(layer.Units.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(layer.Activation).Append(' ')
                .Append(layer.HasBias ? "bias" : "nobias");
        }

        return text.ToString();
    }

    private static string ProducerVersion() =>
        typeof(OnnxGraphWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static void AddMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

    private static NodeProto Node(string name, string operatorType, string output, params string[] inputs)
    {
        var node = new NodeProto { Name = name, OpType = operatorType };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A float tensor with its values as little-endian <c>raw_data</c>: bit for bit, -0 and NaN payloads included.</summary>
    private static TensorProto Tensor(string name, ReadOnlySpan<float> values, params long[] dimensions)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dimensions);
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += sizeof(float))
                Array.Reverse(bytes, i, sizeof(float));
        }

        // The array is fresh and never written again, so the ByteString may wrap it instead of copying it.
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes);
        return tensor;
    }

    /// <summary>A float matrix <c>[batch, columns]</c> whose first dimension is symbolic, so any batch size runs.</summary>
    private static ValueInfoProto Matrix(string name, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
            },
        };
    }
}
