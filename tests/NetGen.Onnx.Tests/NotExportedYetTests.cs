using System;

namespace NetGen.Onnx.Tests;

/// <summary>The bank's networks whose activations NetGen.Onnx does not write yet are refused by name, not exported wrongly.</summary>
public sealed class NotExportedYetTests
{
    [Theory]
    [InlineData(nameof(NetGen.IntegrationTests.Networks.PractitionerActivations), "LeakyReLU")]
    [InlineData(nameof(NetGen.IntegrationTests.Networks.PractitionerClassifier), "GELU")]
    public void Export_OfAnActivationNotWrittenYet_ThrowsNotSupported(string name, string activation)
    {
        Assert.Contains(name, OnnxBank.NotExportedYet);
        var error = Assert.Throws<NotSupportedException>(() => OnnxModel.ToBytes(OnnxBank.Create(name)));
        Assert.Contains("does not export the activation " + activation, error.Message, StringComparison.Ordinal);
    }
}
