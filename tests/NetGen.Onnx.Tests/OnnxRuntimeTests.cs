using System.Linq;
using NetGen.IntegrationTests.Networks;
using NetGen.Onnx.Tests.Infrastructure;

namespace NetGen.Onnx.Tests;

/// <summary>An exported file, run in ONNX Runtime 1.32, computes what the generated <c>Forward</c> computes.</summary>
public sealed class OnnxRuntimeTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Bank => OnnxBank.Data();

    [Theory]
    [MemberData(nameof(Bank))]
    public void ExportedNetwork_InOnnxRuntime_EqualsForward_On1000MnistRows(string name)
    {
        INetwork network = OnnxBank.Filled(name);
        float[] inputs = MnistRows.Inputs(network.Spec.InputSize);
        float[] expected = NetworkRunner.Forward(network, inputs, MnistRows.Count);

        float[] actual = OnnxRuntimeRunner.Run(OnnxModel.ToBytes(network), inputs, MnistRows.Count, network.Spec.InputSize);

        OutputAssert.RelativelyClose(expected, actual, network.Spec.OutputSize, Tolerance, $"{name} in ONNX Runtime");
    }

    [Fact]
    public void SoftmaxHead_InOnnxRuntime_GivesTheSoftmaxOfForward()
    {
        INetwork network = OnnxBank.Filled(nameof(MnistMlp));
        float[] inputs = MnistRows.Inputs(784);
        float[] expected = NetworkRunner.Softmax(NetworkRunner.Forward(network, inputs, MnistRows.Count), 10);

        byte[] model = OnnxModel.ToBytes(network, new OnnxExportOptions { Head = OnnxHead.Softmax, OutputName = "probabilities" });
        float[] actual = OnnxRuntimeRunner.Run(model, inputs, MnistRows.Count, 784, outputName: "probabilities");

        OutputAssert.RelativelyClose(expected, actual, 10, Tolerance, "MnistMlp with a Softmax head");
        for (int row = 0; row < MnistRows.Count; row++)
            Assert.Equal(1.0, actual.Skip(row * 10).Take(10).Sum(p => (double)p), 5);
    }

    [Fact]
    public void SigmoidHead_InOnnxRuntime_GivesTheSigmoidOfForward()
    {
        INetwork network = OnnxBank.Filled(nameof(AffineReluAffine));
        float[] inputs = MnistRows.Inputs(6);
        float[] expected = NetworkRunner.Forward(network, inputs, MnistRows.Count)
            .Select(z => (float)(1 / (1 + System.Math.Exp(-z)))).ToArray();

        byte[] model = OnnxModel.ToBytes(network, new OnnxExportOptions { Head = OnnxHead.Sigmoid });
        float[] actual = OnnxRuntimeRunner.Run(model, inputs, MnistRows.Count, 6);

        OutputAssert.RelativelyClose(expected, actual, 3, Tolerance, "AffineReluAffine with a Sigmoid head");
    }
}
