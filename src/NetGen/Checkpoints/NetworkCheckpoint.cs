using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NetGen.Specification;

namespace NetGen.Checkpoints;

/// <summary>
/// Saves and loads a network's parameters as a numpy <c>.npz</c> archive, one array per tensor: <c>W1</c> with shape
/// <c>[inputs, units]</c>, <c>b1</c> with shape <c>[units]</c> (only for a layer with a bias), <c>W2</c>, ... as
/// little-endian float32 in C order, so that <c>np.load(path)["W1"]</c> is the weight matrix of the first layer in the
/// <c>X @ W1</c> convention.
/// </summary>
/// <remarks>
/// <para>
/// <b>Saving</b> to a path is atomic: the archive goes to a uniquely named temporary file in the same folder, is
/// flushed to disk, and is then renamed over the destination. If anything fails the temporary file is deleted and a
/// previous file at the destination is left as it was. Entries are stored uncompressed (as <c>np.savez</c> does;
/// trained weights barely compress) with a fixed timestamp, so the same parameters always give the same bytes.
/// </para>
/// <para>
/// <b>Loading</b> reads and checks everything into a temporary buffer first (the zip directory, every entry's
/// length and CRC-32, each <c>.npy</c> header, dtype, shape against the network, and the data length) and copies into
/// the parameters only when all of it is right. On any problem it throws <see cref="InvalidDataException"/> whose
/// message names the file, the array, what was expected and what was found, and the parameters are unchanged.
/// Accepted: <c>np.savez</c> and <c>np.savez_compressed</c> archives, <c>.npy</c> format 1.0, 2.0 and 3.0,
/// float32 or float64 (rounded to float; a finite value beyond the float32 range is an error) in C order.
/// </para>
/// <para>
/// <b>Policy for arrays the network does not have:</b> rejected. A checkpoint must hold exactly the network's
/// tensors, no fewer and no more: an extra <c>W3</c> or <c>b1</c> almost always means the checkpoint belongs to a
/// different network (a deeper one, or one with biases), and loading part of it silently would hide that.
/// </para>
/// </remarks>
public static class NetworkCheckpoint
{
    /// <summary>Saves the network's parameters to an <c>.npz</c> file, atomically.</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">The file to create or replace (conventionally with the extension <c>.npz</c>).</param>
    /// <exception cref="IOException">The file could not be written (a missing folder is a <see cref="DirectoryNotFoundException"/>, a full disk an <see cref="IOException"/>); a previous file at <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not create files in the folder (or replace the file); a previous file at <paramref name="path"/> is unchanged.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        Save(network.Spec, network.Parameters, path);
    }

    /// <summary>Saves the network's parameters as an <c>.npz</c> archive to a stream (which stays open).</summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">The destination.</param>
    public static void Save(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        Save(network.Spec, network.Parameters, stream);
    }

    /// <summary>Saves parameters laid out as <paramref name="spec"/> describes to an <c>.npz</c> file, atomically.</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The parameters, <see cref="NetworkSpec.ParameterCount"/> long, in the layout of <c>INetwork.Parameters</c>.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    /// <exception cref="IOException">The file could not be written (a missing folder is a <see cref="DirectoryNotFoundException"/>, a full disk an <see cref="IOException"/>); a previous file at <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not create files in the folder (or replace the file); a previous file at <paramref name="path"/> is unchanged.</exception>
    public static void Save(NetworkSpec spec, ReadOnlySpan<float> parameters, string path) =>
        Save(spec, parameters, path, openTemporary: null);

    /// <summary>Saves parameters laid out as <paramref name="spec"/> describes as an <c>.npz</c> archive to a stream (which stays open).</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The parameters, <see cref="NetworkSpec.ParameterCount"/> long.</param>
    /// <param name="stream">The destination.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    public static void Save(NetworkSpec spec, ReadOnlySpan<float> parameters, Stream stream)
    {
        CheckParameters(spec, parameters.Length);
        ArgumentNullException.ThrowIfNull(stream);
        WriteArchive(spec, parameters, stream);
    }

    /// <summary>
    /// <see cref="Save(NetworkSpec, ReadOnlySpan{float}, string)"/> with a seam: <paramref name="openTemporary"/>
    /// opens the temporary file (given its full path), so that tests can make the output fail halfway.
    /// </summary>
    internal static void Save(NetworkSpec spec, ReadOnlySpan<float> parameters, string path, Func<string, Stream>? openTemporary)
    {
        CheckParameters(spec, parameters.Length);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = AtomicFileWriter.Create(path, openTemporary);
        WriteArchive(spec, parameters, file.Stream);
        file.Commit();
    }

    /// <summary>Loads the network's parameters from an <c>.npz</c> file; see the class remarks for what is checked.</summary>
    /// <param name="network">The network; its parameters change only if the whole checkpoint is valid.</param>
    /// <param name="path">The checkpoint.</param>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default: such weights make every output NaN).</param>
    /// <exception cref="InvalidDataException">The checkpoint is invalid, does not match the network or (unless allowed) holds a NaN or infinite value; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Load(INetwork network, string path, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        Load(network.Spec, network.Parameters, path, allowNonFinite);
    }

    /// <summary>Loads the network's parameters from an <c>.npz</c> archive in a stream, read to its end.</summary>
    /// <param name="network">The network; its parameters change only if the whole checkpoint is valid.</param>
    /// <param name="stream">The archive.</param>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default).</param>
    /// <exception cref="InvalidDataException">The checkpoint is invalid, does not match the network or (unless allowed) holds a NaN or infinite value; nothing was written.</exception>
    public static void Load(INetwork network, Stream stream, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        Load(network.Spec, network.Parameters, stream, allowNonFinite);
    }

    /// <summary>Loads parameters laid out as <paramref name="spec"/> describes from an <c>.npz</c> file.</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The destination, <see cref="NetworkSpec.ParameterCount"/> long; written only if the whole checkpoint is valid.</param>
    /// <param name="path">The checkpoint.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default).</param>
    /// <exception cref="InvalidDataException">The checkpoint is invalid, does not match <paramref name="spec"/> or (unless allowed) holds a NaN or infinite value; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void Load(NetworkSpec spec, Span<float> parameters, string path, bool allowNonFinite = false)
    {
        CheckParameters(spec, parameters.Length);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = NpyReader.OpenRead(path);
        ReadArchive(spec, parameters, stream, NpyReader.Quote(path), allowNonFinite);
    }

    /// <summary>Loads parameters laid out as <paramref name="spec"/> describes from an <c>.npz</c> archive in a stream.</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The destination, <see cref="NetworkSpec.ParameterCount"/> long; written only if the whole checkpoint is valid.</param>
    /// <param name="stream">The archive (a stream that cannot seek is read into memory first).</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default).</param>
    /// <exception cref="InvalidDataException">The checkpoint is invalid, does not match <paramref name="spec"/> or (unless allowed) holds a NaN or infinite value; nothing was written.</exception>
    public static void Load(NetworkSpec spec, Span<float> parameters, Stream stream, bool allowNonFinite = false)
    {
        CheckParameters(spec, parameters.Length);
        ArgumentNullException.ThrowIfNull(stream);
        ReadArchive(spec, parameters, stream, stream is FileStream file ? NpyReader.Quote(file.Name) : "the checkpoint stream", allowNonFinite);
    }

    /// <summary>Loads one tensor (<c>W1</c>, <c>b2</c>, ...) from a single <c>.npy</c> file, checked as <see cref="Load(INetwork, string, bool)"/> checks each array.</summary>
    /// <param name="network">The network; the tensor changes only if the file is valid and has the tensor's shape.</param>
    /// <param name="tensorName">The tensor: <c>W{n}</c> (shape <c>[inputs, units]</c>) or <c>b{n}</c> (shape <c>[units]</c>) for layer <c>n</c> from 1.</param>
    /// <param name="npyPath">The <c>.npy</c> file.</param>
    /// <exception cref="ArgumentException">The network has no tensor called <paramref name="tensorName"/>.</exception>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default).</param>
    /// <exception cref="InvalidDataException">The file is invalid, its shape is not the tensor's or (unless allowed) it holds a NaN or infinite value; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void LoadArray(INetwork network, string tensorName, string npyPath, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        LoadArray(network.Spec, network.Parameters, tensorName, npyPath, allowNonFinite);
    }

    /// <summary>Loads one tensor of parameters laid out as <paramref name="spec"/> describes from a single <c>.npy</c> file.</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The parameters, <see cref="NetworkSpec.ParameterCount"/> long; the tensor changes only if the file is valid.</param>
    /// <param name="tensorName">The tensor: <c>W{n}</c> or <c>b{n}</c>.</param>
    /// <param name="npyPath">The <c>.npy</c> file.</param>
    /// <exception cref="ArgumentException">The network has no tensor called <paramref name="tensorName"/>, or <paramref name="parameters"/> has the wrong length.</exception>
    /// <param name="allowNonFinite">Whether to accept NaN and infinite values (refused by default).</param>
    /// <exception cref="InvalidDataException">The file is invalid, its shape is not the tensor's or (unless allowed) it holds a NaN or infinite value; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static void LoadArray(NetworkSpec spec, Span<float> parameters, string tensorName, string npyPath, bool allowNonFinite = false)
    {
        CheckParameters(spec, parameters.Length);
        CheckpointTensor tensor = FindTensor(spec, tensorName);
        ArgumentException.ThrowIfNullOrEmpty(npyPath);
        string context = $"{NpyReader.Quote(npyPath)}, array '{tensor.Name}'";
        using FileStream stream = NpyReader.OpenRead(npyPath);
        NpyHeader header = NpyReader.ReadHeaderCore(stream, context);
        CheckShape(header, tensor, context);
        var staging = new float[tensor.Count];
        NpyReader.ReadDataCore(stream, header, staging, context);
        if (!allowNonFinite)
            CheckFinite(staging, tensor, context);
        staging.CopyTo(parameters.Slice(tensor.Offset, tensor.Count));
    }

    /// <summary>Saves one tensor (<c>W1</c>, <c>b2</c>, ...) as a single <c>.npy</c> file, atomically.</summary>
    /// <param name="network">The network.</param>
    /// <param name="tensorName">The tensor: <c>W{n}</c> or <c>b{n}</c>.</param>
    /// <param name="npyPath">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The network has no tensor called <paramref name="tensorName"/>.</exception>
    /// <exception cref="IOException">The file could not be written; a previous file at <paramref name="npyPath"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not create files in the folder (or replace the file); a previous file is unchanged.</exception>
    public static void SaveArray(INetwork network, string tensorName, string npyPath)
    {
        ArgumentNullException.ThrowIfNull(network);
        SaveArray(network.Spec, network.Parameters, tensorName, npyPath);
    }

    /// <summary>Saves one tensor of parameters laid out as <paramref name="spec"/> describes as a single <c>.npy</c> file, atomically.</summary>
    /// <param name="spec">The network's specification.</param>
    /// <param name="parameters">The parameters, <see cref="NetworkSpec.ParameterCount"/> long.</param>
    /// <param name="tensorName">The tensor: <c>W{n}</c> or <c>b{n}</c>.</param>
    /// <param name="npyPath">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The network has no tensor called <paramref name="tensorName"/>, or <paramref name="parameters"/> has the wrong length.</exception>
    /// <exception cref="IOException">The file could not be written; a previous file at <paramref name="npyPath"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not create files in the folder (or replace the file); a previous file is unchanged.</exception>
    public static void SaveArray(NetworkSpec spec, ReadOnlySpan<float> parameters, string tensorName, string npyPath)
    {
        CheckParameters(spec, parameters.Length);
        CheckpointTensor tensor = FindTensor(spec, tensorName);
        ArgumentException.ThrowIfNullOrEmpty(npyPath);
        NpyWriter.Write(npyPath, parameters.Slice(tensor.Offset, tensor.Count), tensor.Shape);
    }

    private static void WriteArchive(NetworkSpec spec, ReadOnlySpan<float> parameters, Stream stream)
    {
        using var archive = new NpzWriter(stream);
        foreach (CheckpointTensor tensor in CheckpointTensor.ListFor(spec))
            archive.Add(tensor.Name, parameters.Slice(tensor.Offset, tensor.Count), tensor.Shape);
    }

    private static void ReadArchive(NetworkSpec spec, Span<float> parameters, Stream stream, string file, bool allowNonFinite)
    {
        List<CheckpointTensor> tensors = CheckpointTensor.ListFor(spec);
        var staging = new float[spec.ParameterCount];
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        using (NpzReader archive = NpzReader.Open(stream, file))
        {
            string found = string.Join(", ", archive.Entries.Select(e => NpzReader.ArrayName(e) ?? e.FullName));
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                string? name = NpzReader.ArrayName(entry);
                if (name is null)
                    throw new InvalidDataException(
                        $"{file}: unexpected zip entry '{entry.FullName}': expected only the .npy arrays {CheckpointTensor.Names(tensors)} of the network {spec}, found {found}.");
                CheckpointTensor tensor = CheckpointTensor.Find(tensors, name)
                    ?? throw new InvalidDataException($"{file}: unexpected array '{name}'{WhyUnknown(spec, name)}: expected exactly the arrays {CheckpointTensor.Names(tensors)} of the network {spec}, found {found}.");
                if (!loaded.Add(name))
                    throw new InvalidDataException($"{file}: array '{name}' appears twice: expected each of {CheckpointTensor.Names(tensors)} once, found {found}.");

                string context = $"{file}, array '{name}'";
                using ZipEntryReadStream data = NpzReader.OpenEntry(entry, context);
                NpyHeader header = NpyReader.ReadHeaderCore(data, context);
                CheckShape(header, tensor, context);
                NpyReader.ReadDataCore(data, header, staging.AsSpan(tensor.Offset, tensor.Count), context);
                if (!allowNonFinite)
                    CheckFinite(staging.AsSpan(tensor.Offset, tensor.Count), tensor, context);
            }

            List<CheckpointTensor> missing = tensors.FindAll(t => !loaded.Contains(t.Name));
            if (missing.Count > 0)
                throw new InvalidDataException(
                    $"{file}: missing array{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.ConvertAll(t => $"'{t.Name}' ({t.Description})"))}: expected the arrays {CheckpointTensor.Names(tensors)} of the network {spec}, found {(found.Length == 0 ? "no arrays" : found)}.");
        }

        staging.CopyTo(parameters);
    }

    /// <summary>Refuses a NaN or infinite value: such a weight makes every output and loss NaN from the first call.</summary>
    private static void CheckFinite(ReadOnlySpan<float> values, CheckpointTensor tensor, string context)
    {
        int bad = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                bad = i;
                break;
            }
        }

        if (bad < 0)
            return;
        int count = 0;
        foreach (float value in values)
            count += float.IsFinite(value) ? 0 : 1;
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{context}: {count} NaN or infinite value{(count == 1 ? "" : "s")}, the first at {tensor.DescribeIndex(bad)} ({values[bad]}): such weights make every output NaN. Nothing was loaded; pass allowNonFinite: true to load them anyway."));
    }

    private static void CheckShape(NpyHeader header, CheckpointTensor tensor, string context)
    {
        if (header.ShapeEquals(tensor.Shape)) return;
        string hint = header.Shape.Count == 2 && tensor.Shape.Length == 2
            && header.Shape[0] == tensor.Shape[1] && header.Shape[1] == tensor.Shape[0]
            ? " (the transpose: NetGen stores W as [inputs, units], for X @ W)"
            : "";
        throw new InvalidDataException(
            $"{context}: shape mismatch: expected {NpyHeader.FormatShape(tensor.Shape)} ({tensor.Description}), found {header.ShapeText}{hint}.");
    }

    private static string WhyUnknown(NetworkSpec spec, string name)
    {
        if (name.Length >= 2 && name[0] is 'W' or 'b'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= 1)
        {
            if (number > spec.Layers.Count)
                return string.Create(CultureInfo.InvariantCulture, $" (the network has {spec.Layers.Count} layer{(spec.Layers.Count > 1 ? "s" : "")}, not {number})");
            if (name[0] == 'b' && !spec.Layers[number - 1].HasBias)
                return string.Create(CultureInfo.InvariantCulture, $" (layer {number} of the network has no bias)");
        }

        return "";
    }

    private static CheckpointTensor FindTensor(NetworkSpec spec, string tensorName)
    {
        ArgumentNullException.ThrowIfNull(tensorName);
        List<CheckpointTensor> tensors = CheckpointTensor.ListFor(spec);
        return CheckpointTensor.Find(tensors, tensorName)
            ?? throw new ArgumentException(
                $"The network {spec} has no tensor '{tensorName}'{WhyUnknown(spec, tensorName)}: expected one of {CheckpointTensor.Names(tensors)}.", nameof(tensorName));
    }

    private static void CheckParameters(NetworkSpec spec, int length)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (length != spec.ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"'parameters' has {length} elements; expected the network's ParameterCount ({spec.ParameterCount})."), "parameters");
    }
}
