using System;
using NetGen.Checkpoints;

namespace NetGen.Tests.Checkpoints;

/// <summary>Files written by numpy itself (Fixtures/make_fixtures.py), loaded or rejected.</summary>
public sealed class NumpyFixtureTests
{
    [Theory]
    [InlineData("savez_float32.npz")]
    [InlineData("savez_compressed.npz")]
    public void Float32Archive_LoadsExactly(string fixture)
    {
        var network = new FakeNetwork(TestSpecs.TwoLayer);
        NetworkCheckpoint.Load(network, NumpyFixtures.PathOf(fixture));
        ParameterValues.AssertBitsEqual(NumpyFixtures.Parameters, network.Parameters);
    }

    [Fact]
    public void Float64Archive_LoadsRoundedToFloat()
    {
        var network = new FakeNetwork(TestSpecs.TwoLayer);
        NetworkCheckpoint.Load(network, NumpyFixtures.PathOf("savez_float64.npz"));
        ParameterValues.AssertBitsEqual(NumpyFixtures.ParametersFromFloat64, network.Parameters);
    }

    [Theory]
    [InlineData("save_w1.npy", 1)]
    [InlineData("save_w1_v2.npy", 2)]
    [InlineData("save_w1_v3.npy", 3)]
    public void SingleArray_LoadsIntoW1Only(string fixture, int version)
    {
        NpyArray array = NpyReader.Read(NumpyFixtures.PathOf(fixture));
        Assert.Equal(version, array.Header.MajorVersion);
        Assert.Equal(0, array.Header.DataOffset % 64);
        Assert.Equal([3, 4], array.Shape);

        var network = new FakeNetwork(TestSpecs.TwoLayer);
        float[] expected = ParameterValues.Sentinel(TestSpecs.TwoLayer.ParameterCount);
        expected.CopyTo(network.Parameters);
        NetworkCheckpoint.LoadArray(network, "W1", NumpyFixtures.PathOf(fixture));

        NumpyFixtures.W1.CopyTo(expected, 0);
        ParameterValues.AssertBitsEqual(expected, network.Parameters);
    }

    [Fact]
    public void FortranOrderArray_IsRejectedClearly()
    {
        string path = NumpyFixtures.PathOf("save_w1_fortran.npy");
        var network = new FakeNetwork(TestSpecs.TwoLayer);
        float[] target = ParameterValues.Sentinel(network.Spec.ParameterCount);
        target.CopyTo(network.Parameters);

        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.LoadArray(TestSpecs.TwoLayer, target, "W1", path),
            $"'{path}', array 'W1': Fortran order is not supported; save with np.ascontiguousarray: expected 'fortran_order': False, found True.");
    }

    [Fact]
    public void FortranOrderArchive_IsRejectedNamingTheArray()
    {
        string path = NumpyFixtures.PathOf("savez_fortran.npz");
        float[] target = ParameterValues.Sentinel(TestSpecs.TwoLayer.ParameterCount);
        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.Load(TestSpecs.TwoLayer, target, path),
            $"'{path}', array 'W1': Fortran order is not supported; save with np.ascontiguousarray");
    }

    [Theory]
    [InlineData("save_w1_bigendian.npy", "big-endian data is not supported: expected dtype '<f4' or '<f8', found '>f4'")]
    [InlineData("save_w1_int32.npy", "unsupported dtype: expected '<f4' (float32) or '<f8' (float64), found '<i4'")]
    public void OtherDtypes_AreRejected(string fixture, string message)
    {
        string path = NumpyFixtures.PathOf(fixture);
        float[] target = ParameterValues.Sentinel(TestSpecs.TwoLayer.ParameterCount);
        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.LoadArray(TestSpecs.TwoLayer, target, "W1", path),
            $"'{path}', array 'W1': {message}");
    }

    [Fact]
    public void ArchiveOfAnotherNetwork_IsRejectedAtTheFirstShapeMismatch()
    {
        // 3 -> 5 -> 2 has W1 (3, 5): the numpy archive's W1 (3, 4) does not fit.
        var spec = new Specification.NetworkSpec(3, [new Specification.LayerDeclaration(5), new Specification.LayerDeclaration(2, Bias: false)]);
        string path = NumpyFixtures.PathOf("savez_float32.npz");
        float[] target = ParameterValues.Sentinel(spec.ParameterCount);
        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.Load(spec, target, path),
            $"'{path}', array 'W1': shape mismatch: expected (3, 5) (layer 1 weights, 3 inputs x 5 units), found (3, 4).");
    }

    [Fact]
    public void SingleArrayGivenToLoad_SaysToUseLoadArray()
    {
        string path = NumpyFixtures.PathOf("save_w1.npy");
        float[] target = ParameterValues.Sentinel(TestSpecs.TwoLayer.ParameterCount);
        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.Load(TestSpecs.TwoLayer, target, path),
            $"'{path}': not an .npz checkpoint: expected a zip archive (starting with \"PK\"), found a single .npy array; load it with NetworkCheckpoint.LoadArray.");
    }
}
