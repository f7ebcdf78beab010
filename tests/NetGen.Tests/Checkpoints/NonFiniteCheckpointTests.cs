using System;
using System.IO;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// A checkpoint holding NaN or infinite weights is refused by default (they make every output NaN), with a message that
/// names the file, the array and the element, and the parameters unchanged; <c>allowNonFinite: true</c> loads them.
/// </summary>
public sealed class NonFiniteCheckpointTests : IDisposable
{
    private static readonly NetworkSpec Spec = TestSpecs.TwoLayer; // 3-4 ReLU (bias) - 2 (no bias): W1 [3, 4], b1 [4], W2 [4, 2]

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<float> NonFinite => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Load_OfANonFiniteWeight_IsRefused_AndWritesNothing(float bad)
    {
        float[] saved = ParameterValues.Sentinel(Spec.ParameterCount);
        LayerSpec second = Spec.Layers[1];
        saved[second.WeightOffset + 2 * 2 + 1] = bad; // W2[2, 1]
        string path = _folder.File("nan.npz");
        NetworkCheckpoint.Save(Spec, saved, path);
        var network = new FakeNetwork(Spec);
        float[] before = ParameterValues.Pattern(Spec.ParameterCount, seed: 3);
        before.CopyTo(network.Parameters);

        Exception error = Record.Exception(() => NetworkCheckpoint.Load(network, path));

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.StartsWith($"'{path}', array 'W2': 1 NaN or infinite value, the first at [2, 1] (", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("allowNonFinite: true", invalid.Message, StringComparison.Ordinal);
        ParameterValues.AssertBitsEqual(before, network.Parameters);
    }

    [Fact]
    public void LoadArray_OfANonFiniteBias_IsRefused_AndWritesNothing()
    {
        float[] bias = [1, 2, float.NaN, float.NaN];
        string path = _folder.File("b1.npy");
        NpyWriter.Write(path, bias, [4]);
        var network = new FakeNetwork(Spec);

        var error = Assert.Throws<InvalidDataException>(() => NetworkCheckpoint.LoadArray(network, "b1", path));

        Assert.StartsWith($"'{path}', array 'b1': 2 NaN or infinite values, the first at [2] (", error.Message, StringComparison.Ordinal);
        Assert.All(network.Parameters.ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Load_WithAllowNonFinite_LoadsThemBitForBit()
    {
        float[] saved = ParameterValues.Pattern(Spec.ParameterCount, seed: 5);
        saved[0] = float.NaN;
        saved[1] = float.NegativeInfinity;
        string path = _folder.File("allowed.npz");
        NetworkCheckpoint.Save(Spec, saved, path);
        var network = new FakeNetwork(Spec);

        NetworkCheckpoint.Load(network, path, allowNonFinite: true);

        ParameterValues.AssertBitsEqual(saved, network.Parameters);
    }
}
