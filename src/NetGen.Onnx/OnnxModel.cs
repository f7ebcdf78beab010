using System;
using System.IO;
using Google.Protobuf;
using NetGen.Specification;
using Onnx;

namespace NetGen.Onnx;

/// <summary>
/// Writes a NetGen network as an ONNX model any ONNX runtime can run, and loads the weights of an ONNX MLP (exported
/// from PyTorch, say) into a generated network of the same shape.
/// </summary>
/// <remarks>
/// <para>
/// Export writes, per layer, a <c>MatMul</c> with the weights as an initializer named <c>W1</c>, <c>W2</c>, ... in
/// NetGen's own row-major <c>[inputs x units]</c> layout, an <c>Add</c> of the bias <c>b1</c>, <c>b2</c>, ... when the
/// layer has one, and the activation's operator (<c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softplus</c>). The input
/// and output are <c>[batch, InputSize]</c> and <c>[batch, OutputSize]</c> float32 with a symbolic batch dimension. The
/// declaration is in the model's <c>doc_string</c> and its metadata (<see cref="OnnxFormat"/>'s keys). IR version 8,
/// opset 17; the same parameters always give the same bytes.
/// </para>
/// <para>
/// Import accepts <c>MatMul</c> (weights <c>[inputs, units]</c>) or <c>Gemm</c> (alpha 1, beta 1, transA 0, weights
/// <c>[inputs, units]</c>, or <c>[units, inputs]</c> with transB 1, as PyTorch writes <c>nn.Linear</c>), an optional
/// <c>Add</c> of the bias, and the activation's operator, layer after layer, plus an optional final <c>Softmax</c> for a
/// softmax cross-entropy network. Everything is checked against the network's declaration first; on any mismatch an
/// <see cref="InvalidDataException"/> names the node and the parameters are left as they were.
/// </para>
/// </remarks>
public static class OnnxModel
{
    /// <summary>Writes <paramref name="network"/> to an ONNX file, replacing it atomically (a reader never sees half a file).</summary>
    /// <param name="network">The network; its <c>Spec</c> and current <c>Parameters</c> are written.</param>
    /// <param name="path">The file to create or replace, e.g. <c>model.onnx</c>.</param>
    /// <param name="options">Names and head; null for <see cref="OnnxExportOptions.Default"/>.</param>
    /// <exception cref="NotSupportedException">The network uses an activation NetGen.Onnx does not export yet.</exception>
    public static void Save(INetwork network, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(network, options);
        string full = Path.GetFullPath(path);
        string temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to a stream.</summary>
    /// <param name="network">The network; its <c>Spec</c> and current <c>Parameters</c> are written.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <param name="options">Names and head; null for <see cref="OnnxExportOptions.Default"/>.</param>
    /// <exception cref="NotSupportedException">The network uses an activation NetGen.Onnx does not export yet.</exception>
    public static void Save(INetwork network, Stream stream, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(network, options));
    }

    /// <summary>The ONNX model of <paramref name="network"/>, as the bytes of a <c>.onnx</c> file.</summary>
    /// <param name="network">The network; its <c>Spec</c> and current <c>Parameters</c> are written.</param>
    /// <param name="options">Names and head; null for <see cref="OnnxExportOptions.Default"/>.</param>
    /// <returns>The serialized <c>ModelProto</c>.</returns>
    /// <exception cref="NotSupportedException">The network uses an activation NetGen.Onnx does not export yet.</exception>
    public static byte[] ToBytes(INetwork network, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= OnnxExportOptions.Default;
        return ToBytes(network.Spec, network.Parameters, options with { GraphName = options.GraphName ?? network.GetType().Name });
    }

    /// <summary>The ONNX model of a declaration and a parameter buffer in its layout, as the bytes of a <c>.onnx</c> file.</summary>
    /// <param name="spec">The declaration.</param>
    /// <param name="parameters">The parameters, <c>spec.ParameterCount</c> of them, in the layout of <c>Parameters</c>.</param>
    /// <param name="options">Names and head; null for <see cref="OnnxExportOptions.Default"/> (the graph is then named <c>NetGenNetwork</c>).</param>
    /// <returns>The serialized <c>ModelProto</c>.</returns>
    /// <exception cref="ArgumentException">The parameter count does not match, or the names are empty or equal.</exception>
    /// <exception cref="NotSupportedException">The declaration uses an activation NetGen.Onnx does not export yet.</exception>
    public static byte[] ToBytes(NetworkSpec spec, ReadOnlySpan<float> parameters, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        options ??= OnnxExportOptions.Default;
        ModelProto model = OnnxGraphWriter.Build(spec, parameters, options.GraphName ?? "NetGenNetwork", options);
        return model.ToByteArray();
    }

    /// <summary>Loads the weights of the ONNX file at <paramref name="path"/> into <paramref name="network"/>.</summary>
    /// <param name="network">A generated network whose declaration the file must match.</param>
    /// <param name="path">The <c>.onnx</c> file.</param>
    /// <exception cref="InvalidDataException">The file is not an ONNX model or does not match the declaration; nothing was written.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Load(network, File.ReadAllBytes(path));
    }

    /// <summary>Loads the weights of the ONNX model in <paramref name="stream"/> into <paramref name="network"/>.</summary>
    /// <param name="network">A generated network whose declaration the model must match.</param>
    /// <param name="stream">A readable stream positioned at the model; read to its end, left open.</param>
    /// <exception cref="InvalidDataException">The stream is not an ONNX model or does not match the declaration; nothing was written.</exception>
    public static void Load(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        Load(network, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Loads the weights of an ONNX model, given as the bytes of a <c>.onnx</c> file, into <paramref name="network"/>.</summary>
    /// <param name="network">A generated network whose declaration the model must match.</param>
    /// <param name="model">The file's bytes.</param>
    /// <exception cref="InvalidDataException">Not an ONNX model, or it does not match the declaration; nothing was written.</exception>
    public static void Load(INetwork network, ReadOnlySpan<byte> model)
    {
        ArgumentNullException.ThrowIfNull(network);
        Load(network.Spec, network.Parameters, model);
    }

    /// <summary>Loads the weights of an ONNX model into a parameter buffer laid out for <paramref name="spec"/>.</summary>
    /// <param name="spec">The declaration the model must match.</param>
    /// <param name="parameters">Receives the weights (length <c>spec.ParameterCount</c>); written only when everything matched.</param>
    /// <param name="model">The file's bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    /// <exception cref="InvalidDataException">Not an ONNX model, or it does not match the declaration; nothing was written.</exception>
    public static void Load(NetworkSpec spec, Span<float> parameters, ReadOnlySpan<byte> model)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (parameters.Length != spec.ParameterCount)
            throw new ArgumentException($"The network has {spec.ParameterCount} parameters but the buffer holds {parameters.Length}.", nameof(parameters));

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new InvalidDataException($"Not a readable ONNX model (the protobuf decoder says: {error.Message}); the file may be cut short or not an .onnx file.", error);
        }

        float[] values = OnnxGraphReader.Read(proto, spec);
        values.CopyTo(parameters);
    }
}
