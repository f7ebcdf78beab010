using System.Globalization;
using Onnx;

namespace NetGen.Onnx;

/// <summary>How an error message names a node: by its name when it has one, else by its position, always with its operator.</summary>
internal static class OnnxNodeLabel
{
    public static string Of(NodeProto node, int position) =>
        string.IsNullOrEmpty(node.Name)
            ? $"node #{position.ToString(CultureInfo.InvariantCulture)} ({node.OpType})"
            : $"node '{node.Name}' ({node.OpType})";
}
