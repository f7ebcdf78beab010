using System;
using System.IO;
using System.IO.Compression;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

public sealed class NetworkCheckpointRoundTripTests
{
    [Theory]
    [MemberData(nameof(TestSpecs.Names), MemberType = typeof(TestSpecs))]
    public void SaveThenLoad_IntoAFreshNetwork_IsBitForBit(string specName)
    {
        NetworkSpec spec = TestSpecs.ByName(specName);
        var saved = new FakeNetwork(spec);
        ParameterValues.Pattern(spec.ParameterCount, seed: 11).CopyTo(saved.Parameters);
        using var folder = new TemporaryFolder();
        string path = folder.File("model.npz");

        NetworkCheckpoint.Save(saved, path);
        var loaded = new FakeNetwork(spec);
        ParameterValues.Sentinel(spec.ParameterCount).CopyTo(loaded.Parameters);
        NetworkCheckpoint.Load(loaded, path, allowNonFinite: true); // the pattern holds infinities

        ParameterValues.AssertBitsEqual(saved.Parameters, loaded.Parameters);
        Assert.Equal(["model.npz"], folder.FileNames());
    }

    [Theory]
    [MemberData(nameof(TestSpecs.Names), MemberType = typeof(TestSpecs))]
    public void Archive_HoldsOneStoredNpyPerTensor_InLayerOrder(string specName)
    {
        NetworkSpec spec = TestSpecs.ByName(specName);
        var stream = new MemoryStream();
        NetworkCheckpoint.Save(spec, ParameterValues.Pattern(spec.ParameterCount, 1), stream);

        stream.Position = 0;
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        int entry = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            AssertEntry(archive.Entries[entry++], layer.WeightName, [layer.Inputs, layer.Units]);
            if (layer.HasBias)
                AssertEntry(archive.Entries[entry++], layer.BiasName, [layer.Units]);
        }

        Assert.Equal(entry, archive.Entries.Count);

        static void AssertEntry(ZipArchiveEntry entry, string name, int[] shape)
        {
            Assert.Equal(name + ".npy", entry.FullName);
            Assert.Equal(entry.Length, entry.CompressedLength); // stored, as np.savez
            using Stream data = entry.Open();
            Assert.Equal(shape, NpyReader.ReadHeader(data, entry.FullName).Shape);
        }
    }

    [Fact]
    public void StreamOverloads_RoundTrip_AlsoFromAStreamThatCannotSeek()
    {
        NetworkSpec spec = TestSpecs.FourLayersMixed;
        var saved = new FakeNetwork(spec);
        ParameterValues.Pattern(spec.ParameterCount, seed: 5).CopyTo(saved.Parameters);
        var stream = new MemoryStream();
        NetworkCheckpoint.Save(saved, stream);

        var loaded = new FakeNetwork(spec);
        NetworkCheckpoint.Load(loaded, new ForwardOnlyStream(stream.ToArray()), allowNonFinite: true);
        ParameterValues.AssertBitsEqual(saved.Parameters, loaded.Parameters);

        var buffer = new float[spec.ParameterCount];
        stream.Position = 0;
        NetworkCheckpoint.Load(spec, buffer, stream, allowNonFinite: true);
        ParameterValues.AssertBitsEqual(saved.Parameters, buffer);
    }

    [Fact]
    public void SameParameters_GiveTheSameBytes()
    {
        float[] parameters = ParameterValues.Pattern(TestSpecs.Dosage.ParameterCount, seed: 2);
        var first = new MemoryStream();
        NetworkCheckpoint.Save(TestSpecs.Dosage, parameters, first);
        var second = new MemoryStream();
        NetworkCheckpoint.Save(TestSpecs.Dosage, parameters, second);
        Assert.Equal(first.ToArray(), second.ToArray());

        // Not by luck within one clock tick: every entry carries the same fixed timestamp.
        first.Position = 0;
        using var archive = new ZipArchive(first, ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in archive.Entries)
            Assert.Equal(new DateTime(2000, 1, 1), entry.LastWriteTime.DateTime);
    }

    [Fact]
    public void SaveArrayThenLoadArray_RoundTripsEachTensor_AndTouchesNothingElse()
    {
        NetworkSpec spec = TestSpecs.FourLayersMixed;
        var source = new FakeNetwork(spec);
        ParameterValues.Pattern(spec.ParameterCount, seed: 9).CopyTo(source.Parameters);
        using var folder = new TemporaryFolder();

        foreach (string name in (string[])["W1", "b1", "W2", "W3", "b3", "W4"])
        {
            var target = new FakeNetwork(spec);
            float[] expected = ParameterValues.Sentinel(spec.ParameterCount);
            expected.CopyTo(target.Parameters);
            string path = folder.File(name + ".npy");
            NetworkCheckpoint.SaveArray(source, name, path);
            NetworkCheckpoint.LoadArray(target, name, path, allowNonFinite: true);

            LayerSpec layer = spec.Layers[name[1] - '1'];
            (int offset, int count) = name[0] == 'W' ? (layer.WeightOffset, layer.WeightCount) : (layer.BiasOffset, layer.Units);
            source.Parameters.Slice(offset, count).CopyTo(expected.AsSpan(offset, count));
            ParameterValues.AssertBitsEqual(expected, target.Parameters);
        }
    }

    [Theory]
    [InlineData("W5", "(the network has 4 layers, not 5)")]
    [InlineData("b2", "(layer 2 of the network has no bias)")]
    [InlineData("w1", "expected one of W1, b1, W2, W3, b3, W4")]
    [InlineData("", "expected one of")]
    public void UnknownTensorName_IsArgumentException(string name, string message)
    {
        var network = new FakeNetwork(TestSpecs.FourLayersMixed);
        ArgumentException ex = Assert.Throws<ArgumentException>(() => NetworkCheckpoint.LoadArray(network, name, "unused.npy"));
        Assert.Equal("tensorName", ex.ParamName);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NetworkCheckpoint.SaveArray(network, name, "unused.npy"));
    }

    [Fact]
    public void ParametersOfTheWrongLength_AreArgumentException()
    {
        using var folder = new TemporaryFolder();
        NetworkSpec spec = TestSpecs.TwoLayer;
        ArgumentException ex = Assert.Throws<ArgumentException>(() => NetworkCheckpoint.Save(spec, new float[spec.ParameterCount - 1], folder.File("m.npz")));
        Assert.Contains("'parameters' has 23 elements; expected the network's ParameterCount (24).", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NetworkCheckpoint.Load(spec, new float[spec.ParameterCount + 1], folder.File("m.npz")));
        Assert.Throws<ArgumentException>(() => NetworkCheckpoint.Load(spec, new float[spec.ParameterCount + 1], new MemoryStream()));
        Assert.Empty(folder.FileNames());
    }
}
