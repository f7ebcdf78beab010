using NetGen.Onnx.Tests.Infrastructure;

namespace NetGen.Onnx.Tests;

/// <summary>
/// Models exported by PyTorch 1.13's <c>torch.onnx.export</c> (Fixtures/make_fixtures.py), imported into the matching
/// declarations: the generated <c>Forward</c> gives what PyTorch computed on the same inputs.
/// </summary>
public sealed class PyTorchImportTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void GemmWithTransB_Relu_EqualsPyTorch() => AssertImportMatchesPyTorch(new TorchRelu(), "torch_relu");

    [Fact]
    public void GemmWithTransB_TanhAndSigmoid_EqualsPyTorch() => AssertImportMatchesPyTorch(new TorchTanhSigmoid(), "torch_tanh_sigmoid");

    [Fact]
    public void MatMulWithoutBias_SoftplusAndTanh_EqualsPyTorch() => AssertImportMatchesPyTorch(new TorchSoftplusNoBias(), "torch_softplus_nobias");

    [Fact]
    public void SoftmaxHead_IsAccepted_AndForwardsLogitsWhoseSoftmaxEqualsPyTorch() =>
        AssertImportMatchesPyTorch(new TorchSoftmaxHead(), "torch_softmax_head", softmax: true);

    private static void AssertImportMatchesPyTorch(INetwork network, string fixture, bool softmax = false)
    {
        float[] inputs = FixtureRows.Read(fixture + ".inputs.txt", out int rows);
        float[] expected = FixtureRows.Read(fixture + ".outputs.txt", out int outputRows);
        Assert.Equal(20, rows);
        Assert.Equal(rows, outputRows);
        Assert.Equal(rows * network.Spec.InputSize, inputs.Length);
        Assert.Equal(rows * network.Spec.OutputSize, expected.Length);

        OnnxModel.Load(network, RepositoryPaths.Fixture(fixture + ".onnx"));
        float[] actual = NetworkRunner.Forward(network, inputs, rows);
        if (softmax) actual = NetworkRunner.Softmax(actual, network.Spec.OutputSize);

        OutputAssert.RelativelyClose(expected, actual, network.Spec.OutputSize, Tolerance, $"{fixture} imported");
    }
}
