using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>Files NetGen writes, read by real numpy (Debian's python3-numpy at /usr/bin/python3).</summary>
public sealed class NumpyInteropTests : IDisposable
{
    /// <summary>Prints, per array: name, dtype, shape, C-contiguity and the raw bytes in hex; then the zip's own verdict.</summary>
    private const string DescribeArchive = """
        import sys, zipfile
        import numpy as np
        path = sys.argv[1]
        with zipfile.ZipFile(path) as z:
            print("testzip", z.testzip())
            for info in z.infolist():
                print("entry", info.filename, info.compress_type)
        with np.load(path, allow_pickle=False) as archive:
            for name in archive.files:
                a = archive[name]
                print("array", name, a.dtype.str, ",".join(str(d) for d in a.shape), int(a.flags.c_contiguous), a.tobytes().hex())
        """;

    /// <summary>Loads single .npy files and prints the same description, plus the format version numpy reads.</summary>
    private const string DescribeArrays = """
        import sys
        import numpy as np
        from numpy.lib import format as npformat
        for path in sys.argv[1:]:
            with open(path, "rb") as f:
                version = npformat.read_magic(f)
            a = np.load(path, allow_pickle=False)
            print("array", "%d.%d" % version, a.dtype.str, ",".join(str(d) for d in a.shape), int(a.flags.c_contiguous), a.tobytes().hex())
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(nameof(TestSpecs.TwoLayer))]
    [InlineData(nameof(TestSpecs.FourLayersMixed))]
    public void NumpyLoadsTheCheckpoint_EveryTensorWithItsShapeAndExactBits(string specName)
    {
        NetworkSpec spec = TestSpecs.ByName(specName);
        var network = new FakeNetwork(spec);
        ParameterValues.Pattern(spec.ParameterCount, seed: 8).CopyTo(network.Parameters);
        string path = _folder.File("model.npz");
        NetworkCheckpoint.Save(network, path);

        string[] lines = Lines(NumpyProcess.Run(DescribeArchive, path));

        var expectedArrays = new List<string>();
        var expectedEntries = new List<string>();
        foreach (LayerSpec layer in spec.Layers)
        {
            expectedEntries.Add($"entry {layer.WeightName}.npy 0"); // 0: ZIP_STORED
            expectedArrays.Add(Describe(layer.WeightName, $"{layer.Inputs},{layer.Units}", network.Parameters.Slice(layer.WeightOffset, layer.WeightCount)));
            if (layer.HasBias)
            {
                expectedEntries.Add($"entry {layer.BiasName}.npy 0");
                expectedArrays.Add(Describe(layer.BiasName, $"{layer.Units}", network.Parameters.Slice(layer.BiasOffset, layer.Units)));
            }
        }

        Assert.Equal(["testzip None", .. expectedEntries, .. expectedArrays], lines);
    }

    [Fact]
    public void NumpyLoadsSingleArrays_Version1AndVersion2()
    {
        var network = new FakeNetwork(TestSpecs.TwoLayer);
        ParameterValues.Pattern(network.Spec.ParameterCount, seed: 6).CopyTo(network.Parameters);
        string w1 = _folder.File("W1.npy"), b1 = _folder.File("b1.npy"), v2 = _folder.File("W2_v2.npy");
        NetworkCheckpoint.SaveArray(network, "W1", w1);
        NetworkCheckpoint.SaveArray(network, "b1", b1);
        Span<float> w2 = network.Parameters.Slice(16, 8);
        using (var stream = new FileStream(v2, FileMode.CreateNew))
            NpyWriter.Write(stream, w2, [4, 2], minimumMajorVersion: 2);

        string[] lines = Lines(NumpyProcess.Run(DescribeArrays, w1, b1, v2));

        Assert.Equal(
            [
                "array 1.0 " + Describe(null, "3,4", network.Parameters[..12]),
                "array 1.0 " + Describe(null, "4", network.Parameters.Slice(12, 4)),
                "array 2.0 " + Describe(null, "4,2", w2),
            ],
            lines);
    }

    private static string Describe(string? name, string shape, ReadOnlySpan<float> values)
    {
        // numpy prints the array's native bytes; NetGen writes little-endian, which is native on every CI machine.
        Assert.True(BitConverter.IsLittleEndian);
        string hex = Convert.ToHexStringLower(MemoryMarshal.AsBytes(values));
        return string.Create(CultureInfo.InvariantCulture, $"{(name is null ? "" : "array " + name + " ")}<f4 {shape} 1 {hex}");
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
