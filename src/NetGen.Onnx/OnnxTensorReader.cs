using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using Onnx;

namespace NetGen.Onnx;

/// <summary>Reads the float values and shape of a constant tensor (an initializer or a <c>Constant</c> node's value).</summary>
internal static class OnnxTensorReader
{
    /// <summary>The tensor's dimensions as written.</summary>
    public static string Shape(TensorProto tensor) =>
        "[" + string.Join(", ", tensor.Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The tensor's values in row-major order.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="where">The node that reads it, for error messages.</param>
    /// <exception cref="InvalidDataException">Not a float tensor, stored outside the file, of the wrong length, or not finite.</exception>
    public static float[] ReadFloats(TensorProto tensor, string where)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{where}: tensor '{tensor.Name}' holds {(TensorProto.Types.DataType)tensor.DataType} values; NetGen imports float32 weights only.");
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
            throw new InvalidDataException($"{where}: tensor '{tensor.Name}' is stored in an external file; NetGen imports weights stored in the .onnx file itself.");

        long count = 1;
        foreach (long dimension in tensor.Dims)
        {
            if (dimension < 0)
                throw new InvalidDataException($"{where}: tensor '{tensor.Name}' has a negative dimension {Shape(tensor)}.");
            count *= dimension;
            if (count > int.MaxValue / sizeof(float))
                throw new InvalidDataException($"{where}: tensor '{tensor.Name}' {Shape(tensor)} is too large.");
        }

        var values = new float[count];
        if (tensor.HasRawData)
        {
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            if (raw.Length != count * sizeof(float))
                throw new InvalidDataException($"{where}: tensor '{tensor.Name}' {Shape(tensor)} needs {count * sizeof(float)} bytes of data; the file has {raw.Length}.");
            for (int i = 0; i < values.Length; i++)
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float)));
        }
        else
        {
            if (tensor.FloatData.Count != count)
                throw new InvalidDataException($"{where}: tensor '{tensor.Name}' {Shape(tensor)} needs {count} values; the file has {tensor.FloatData.Count}.");
            tensor.FloatData.CopyTo(values, 0);
        }

        int bad = Array.FindIndex(values, v => !float.IsFinite(v));
        if (bad >= 0)
            throw new InvalidDataException($"{where}: tensor '{tensor.Name}' has a non-finite value ({values[bad].ToString(CultureInfo.InvariantCulture)}) at index {bad}.");
        return values;
    }
}
