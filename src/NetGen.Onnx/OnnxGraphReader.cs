using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Specification;
using Onnx;

namespace NetGen.Onnx;

/// <summary>
/// Reads an ONNX MLP into NetGen's parameter layout, checking it against a declaration: a single chain of layers, each
/// <c>MatMul</c> (or <c>Gemm</c>), an optional <c>Add</c> of the bias, and an optional activation, in the declared
/// order, shapes, activations and bias presence. The values go to a fresh buffer, returned only when everything matched.
/// </summary>
internal sealed class OnnxGraphReader
{
    private const string Expected = "NetGen imports a chain of MatMul or Gemm, Add and activation nodes (Relu, Sigmoid, Tanh, Softplus)";

    private readonly NetworkSpec _spec;
    private readonly float[] _parameters;
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);

    // The layer being read: its index, what has been seen of it, and the node that ends it so far.
    private int _layer = -1;
    private bool _biasSeen;
    private bool _activationSeen;
    private string _linearLabel = "";
    private string _lastLabel = "";
    private string? _headLabel;

    private OnnxGraphReader(NetworkSpec spec)
    {
        _spec = spec;
        _parameters = new float[spec.ParameterCount];
    }

    /// <summary>The parameters of <paramref name="model"/> in the layout of <paramref name="spec"/>.</summary>
    /// <exception cref="InvalidDataException">The graph does not match the declaration; the message names the node.</exception>
    public static float[] Read(ModelProto model, NetworkSpec spec)
    {
        GraphProto graph = model.Graph
            ?? throw new InvalidDataException("The file has no graph: it is not an ONNX model, or it is cut short.");
        var reader = new OnnxGraphReader(spec);
        reader.ReadGraph(graph);
        return reader._parameters;
    }

    private LayerSpec Layer => _spec.Layers[_layer];

    private string LayerNumber => (_layer + 1).ToString(CultureInfo.InvariantCulture);

    private void ReadGraph(GraphProto graph)
    {
        foreach (TensorProto initializer in graph.Initializer)
        {
            if (!_constants.TryAdd(initializer.Name, initializer))
                throw new InvalidDataException($"The graph has two initializers named '{initializer.Name}'.");
        }

        for (int i = 0; i < graph.Node.Count; i++)
        {
            NodeProto node = graph.Node[i];
            if (node.OpType == "Constant")
                AddConstant(node, OnnxNodeLabel.Of(node, i + 1));
        }

        ValueInfoProto[] inputs = graph.Input.Where(input => !_constants.ContainsKey(input.Name)).ToArray();
        if (inputs.Length != 1)
            throw new InvalidDataException($"The graph has {inputs.Length} inputs ({string.Join(", ", inputs.Select(v => "'" + v.Name + "'"))}); a NetGen network has one, [batch, {_spec.InputSize}].");
        if (graph.Output.Count != 1)
            throw new InvalidDataException($"The graph has {graph.Output.Count} outputs; a NetGen network has one, [batch, {_spec.OutputSize}].");

        string current = inputs[0].Name;
        for (int i = 0; i < graph.Node.Count; i++)
        {
            NodeProto node = graph.Node[i];
            string label = OnnxNodeLabel.Of(node, i + 1);
            if (node.OpType == "Constant") continue;
            if (_headLabel is not null)
                throw new InvalidDataException($"{label} follows the Softmax head {_headLabel}; the head must be the last node.");
            if (node.Domain is not ("" or "ai.onnx"))
                throw new InvalidDataException($"{label} is from the operator domain '{node.Domain}'; {Expected}.");
            if (node.Output.Count != 1)
                throw new InvalidDataException($"{label} has {node.Output.Count} outputs; {Expected}, each with one output.");

            ReadNode(node, label, current);
            current = node.Output[0];
        }

        FinishLayer();
        string last = graph.Node.Count == 0 ? "the empty graph" : OnnxNodeLabel.Of(graph.Node[^1], graph.Node.Count);
        if (_layer + 1 != _spec.Layers.Count)
            throw new InvalidDataException($"The graph ends at {last} after {_layer + 1} layer(s); the declaration ({_spec}) has {_spec.Layers.Count}.");
        if (current != graph.Output[0].Name)
            throw new InvalidDataException($"The graph's output '{graph.Output[0].Name}' is not what the chain computes: it ends at {last}, whose output is '{current}'.");

        // After the nodes, so that a convolution or another foreign graph is named by its first odd node, not its input.
        CheckMatrix(inputs[0], "input", _spec.InputSize);
        CheckMatrix(graph.Output[0], "output", _spec.OutputSize);
    }

    private void ReadNode(NodeProto node, string label, string current)
    {
        switch (node.OpType)
        {
            case "MatMul":
                RequireInputs(node, label, current, 2, 2);
                StartLayer(label);
                ReadWeights(node.Input[1], label, transposed: false);
                return;
            case "Gemm":
                RequireInputs(node, label, current, 2, 3);
                StartLayer(label);
                ReadGemm(node, label);
                return;
            case "Add":
                ReadAdd(node, label, current);
                return;
            case "Softmax":
                ReadHead(node, label, current);
                return;
            case "Conv" or "ConvTranspose" or "ConvInteger" or "QLinearConv":
                throw new InvalidDataException($"{label} is a convolution; NetGen networks are dense layers only, and {Expected}.");
        }

        Activation activation = OnnxActivations.ActivationOf(node.OpType)
            ?? throw new InvalidDataException($"{label}: the operator {node.OpType} is not supported; {Expected}.");
        RequireInputs(node, label, current, 1, 1);
        RequireLayer(label);
        if (_activationSeen)
            throw new InvalidDataException($"{label} is a second activation in layer {LayerNumber}; a NetGen layer has one.");
        if (activation != Layer.Activation)
            throw new InvalidDataException($"{label} is layer {LayerNumber}'s activation {activation}, but the declaration says {Layer.Activation}.");
        _activationSeen = true;
        _lastLabel = label;
    }

    private void StartLayer(string label)
    {
        FinishLayer();
        if (_layer + 1 >= _spec.Layers.Count)
            throw new InvalidDataException($"{label} starts layer {_layer + 2}, but the declaration ({_spec}) has {_spec.Layers.Count} layer(s).");
        _layer++;
        _biasSeen = false;
        _activationSeen = false;
        _linearLabel = label;
        _lastLabel = label;
    }

    private void FinishLayer()
    {
        if (_layer < 0) return;
        if (Layer.HasBias && !_biasSeen)
            throw new InvalidDataException($"Layer {LayerNumber} is declared with a bias, but {_linearLabel} and the nodes after it add none.");
        if (Layer.Activation != Activation.Identity && !_activationSeen)
            throw new InvalidDataException($"Layer {LayerNumber} ends at {_lastLabel} without an activation; the declaration says {Layer.Activation}.");
    }

    private void ReadGemm(NodeProto node, string label)
    {
        float alpha = 1f, beta = 1f;
        long transA = 0, transB = 0;
        foreach (AttributeProto attribute in node.Attribute)
        {
            switch (attribute.Name)
            {
                case "alpha": alpha = attribute.F; break;
                case "beta": beta = attribute.F; break;
                case "transA": transA = attribute.I; break;
                case "transB": transB = attribute.I; break;
                default: throw new InvalidDataException($"{label} has the attribute '{attribute.Name}', which Gemm does not define.");
            }
        }

        if (alpha != 1f || transA != 0 || (node.Input.Count == 3 && beta != 1f))
            throw new InvalidDataException($"{label} has alpha {alpha.ToString(CultureInfo.InvariantCulture)}, beta {beta.ToString(CultureInfo.InvariantCulture)}, transA {transA}; NetGen imports Gemm with alpha 1, beta 1 and transA 0 (x W + b).");
        ReadWeights(node.Input[1], label, transposed: transB != 0);
        if (node.Input.Count == 3 && node.Input[2].Length > 0)
            ReadBias(node.Input[2], label);
    }

    private void ReadAdd(NodeProto node, string label, string current)
    {
        RequireLayer(label);
        if (node.Input.Count != 2 || (node.Input[0] != current && node.Input[1] != current))
            throw new InvalidDataException($"{label} does not add a constant to the output of the node before it ('{current}'); {Expected}.");
        if (_activationSeen)
            throw new InvalidDataException($"{label} adds after layer {LayerNumber}'s activation; a NetGen layer computes activation(x W + b).");
        ReadBias(node.Input[0] == current ? node.Input[1] : node.Input[0], label);
        _lastLabel = label;
    }

    private void ReadHead(NodeProto node, string label, string current)
    {
        RequireInputs(node, label, current, 1, 1);
        if (!_spec.IsClassifier)
            throw new InvalidDataException($"{label}: a Softmax head is accepted only after a softmax cross-entropy network's logits; this declaration's loss is {_spec.Loss}.");
        if (_layer + 1 != _spec.Layers.Count)
            throw new InvalidDataException($"{label} comes after layer {LayerNumber}; a Softmax head may follow only the last layer ({_spec.Layers.Count}).");
        foreach (AttributeProto attribute in node.Attribute)
        {
            if (attribute.Name != "axis" || (attribute.I != -1 && attribute.I != 1))
                throw new InvalidDataException($"{label} has the attribute {attribute.Name} = {attribute.I}; a head is a Softmax over each row (axis -1 or 1).");
        }

        FinishLayer();
        _headLabel = label;
    }

    private void ReadWeights(string name, string label, bool transposed)
    {
        TensorProto tensor = Constant(name, label, "weights");
        LayerSpec layer = Layer;
        long rows = transposed ? layer.Units : layer.Inputs, columns = transposed ? layer.Inputs : layer.Units;
        if (tensor.Dims.Count != 2 || tensor.Dims[0] != rows || tensor.Dims[1] != columns)
        {
            string form = transposed ? "[units, inputs] as Gemm's transB = 1 reads it" : "[inputs, units]";
            throw new InvalidDataException($"{label}: the weights '{name}' are {OnnxTensorReader.Shape(tensor)}; layer {LayerNumber} is declared {layer.Inputs} -> {layer.Units}, so they must be [{rows}, {columns}] ({form}).");
        }

        float[] values = OnnxTensorReader.ReadFloats(tensor, label);
        Span<float> target = _parameters.AsSpan(layer.WeightOffset, layer.WeightCount);
        if (!transposed)
        {
            values.CopyTo(target);
            return;
        }

        for (int unit = 0; unit < layer.Units; unit++)
            for (int input = 0; input < layer.Inputs; input++)
                target[input * layer.Units + unit] = values[unit * layer.Inputs + input];
    }

    private void ReadBias(string name, string label)
    {
        LayerSpec layer = Layer;
        if (!layer.HasBias)
            throw new InvalidDataException($"{label} adds a bias '{name}', but layer {LayerNumber} is declared without one (Bias = false).");
        if (_biasSeen)
            throw new InvalidDataException($"{label} adds a second bias to layer {LayerNumber}.");
        TensorProto tensor = Constant(name, label, "bias");
        bool vector = tensor.Dims.Count == 1 && tensor.Dims[0] == layer.Units;
        bool row = tensor.Dims.Count == 2 && tensor.Dims[0] == 1 && tensor.Dims[1] == layer.Units;
        if (!vector && !row)
            throw new InvalidDataException($"{label}: the bias '{name}' is {OnnxTensorReader.Shape(tensor)}; layer {LayerNumber} has {layer.Units} units, so it must be [{layer.Units}] (or [1, {layer.Units}]).");
        OnnxTensorReader.ReadFloats(tensor, label).CopyTo(_parameters.AsSpan(layer.BiasOffset, layer.Units));
        _biasSeen = true;
    }

    private TensorProto Constant(string name, string label, string role) =>
        _constants.TryGetValue(name, out TensorProto? tensor)
            ? tensor
            : throw new InvalidDataException($"{label}: its {role} '{name}' are not a constant (an initializer or a Constant node); NetGen imports fixed weights.");

    private void RequireLayer(string label)
    {
        if (_layer < 0)
            throw new InvalidDataException($"{label} comes before any MatMul or Gemm; {Expected}.");
    }

    private static void RequireInputs(NodeProto node, string label, string current, int least, int most)
    {
        if (node.Input.Count < least || node.Input.Count > most)
            throw new InvalidDataException($"{label} has {node.Input.Count} inputs; {node.OpType} takes {least}{(most > least ? " to " + most : "")} here.");
        if (node.Input[0] != current)
            throw new InvalidDataException($"{label} reads '{node.Input[0]}' instead of the output of the node before it ('{current}'); {Expected}, one after another.");
    }

    private void AddConstant(NodeProto node, string label)
    {
        AttributeProto? value = node.Attribute.FirstOrDefault(a => a.Name == "value");
        if (value?.T is null || node.Output.Count != 1)
            throw new InvalidDataException($"{label} is a Constant without a tensor 'value'; NetGen reads weights from tensors.");
        if (!_constants.TryAdd(node.Output[0], value.T))
            throw new InvalidDataException($"{label} defines '{node.Output[0]}', which another constant already defines.");
    }

    private static void CheckMatrix(ValueInfoProto value, string role, int columns)
    {
        TypeProto.Types.Tensor? tensor = value.Type?.TensorType;
        if (tensor is null) return; // untyped: ONNX allows it; the chain's shapes are checked node by node
        if (tensor.HasElemType && tensor.ElemType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"The graph's {role} '{value.Name}' holds {(TensorProto.Types.DataType)tensor.ElemType} values; a NetGen network takes and gives float32.");
        if (tensor.Shape is null) return;
        if (tensor.Shape.Dim.Count != 2)
            throw new InvalidDataException($"The graph's {role} '{value.Name}' has {tensor.Shape.Dim.Count} dimensions; a NetGen network's {role} is [batch, {columns}].");
        TensorShapeProto.Types.Dimension width = tensor.Shape.Dim[1];
        if (width.HasDimValue && width.DimValue != columns)
            throw new InvalidDataException($"The graph's {role} '{value.Name}' is [batch, {width.DimValue}]; the declaration's {role} is [batch, {columns}].");
    }
}
