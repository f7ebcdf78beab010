using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.IntegrationTests.Networks;

namespace NetGen.Onnx.Tests;

/// <summary>
/// The integration tests' bank of declared networks (<see cref="NetworkBank"/>: every activation, with and without
/// biases, classifiers and regressors) plus the two declared there but outside it (the deep sigmoid stack, 784-400-10).
/// </summary>
internal static class OnnxBank
{
    public static IEnumerable<string> Names =>
        NetworkBank.Names.Except(NotExportedYet).Concat(new[] { nameof(DeepSigmoid), nameof(MnistMlp400) });

    /// <summary>
    /// The bank's networks with activations NetGen.Onnx does not write yet (LeakyReLU, SiLU, GELU: issue 15's, added
    /// after the exporter); <see cref="NotExportedYetTests"/> checks that exporting them refuses with that message.
    /// Remove a name here when its activations are exported.
    /// </summary>
    public static readonly string[] NotExportedYet = [nameof(PractitionerActivations), nameof(PractitionerClassifier)];

    public static INetwork Create(string name) => name switch
    {
        nameof(DeepSigmoid) => new DeepSigmoid(),
        nameof(MnistMlp400) => new MnistMlp400(),
        _ => NetworkBank.Create(name),
    };

    public static TheoryData<string> Data()
    {
        var data = new TheoryData<string>();
        foreach (string name in Names) data.Add(name);
        return data;
    }

    /// <summary>A network of the bank with seeded parameters (biases non-zero).</summary>
    public static INetwork Filled(string name, int seed = 18)
    {
        INetwork network = Create(name);
        Infrastructure.TestParameters.Fill(network, seed);
        return network;
    }

    /// <summary>The parameters' bit patterns, to compare exactly (NaN and -0 included).</summary>
    public static int[] Bits(INetwork network) =>
        network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
