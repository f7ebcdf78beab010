using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>
/// The worked example of the backpropagation notes (001, "Version 3 Backpropagation"): a 1-2-1 network with Softplus
/// hidden units and biases, fitted to three dosages by gradient descent on the last bias, b3, with the sum of
/// squared residuals.
/// </summary>
/// <remarks>
/// The notes round every figure to two or three significant digits, so each is checked to half a unit in its last
/// quoted digit (for example -2.61 within 0.005, -15.7 within 0.05). Computed from the weights, the exact values are
/// predictions -2.6035, -1.6092, -2.6148, SSR 20.42, dSSR/db3 -15.655, then b3 1.5655 and 2.1916, converging to 2.6092.
/// </remarks>
public sealed class DosageExampleTests
{
    private static readonly double[] Dosages = [0, 0.5, 1];
    private static readonly double[] Observed = [0, 1, 0];

    // Parameter layout: W1 [1 x 2] at 0, b1 [2] at 2, W2 [2 x 1] at 4, b2 [1] at 6.
    private const int B3 = 6;

    [Fact]
    public void Layout_PutsB3Last()
    {
        ReferenceNetwork network = CreateNetwork();
        Assert.Equal(7, network.Spec.ParameterCount);
        Assert.Equal(B3, network.Spec.Layers[1].BiasOffset);
    }

    [Fact]
    public void Predictions_AtB3Zero_MatchTheNotes()
    {
        ReferenceNetwork network = CreateNetwork();
        var predicted = new double[3];
        network.Forward(Dosages, predicted, 3);

        AssertQuoted(-2.6, predicted[0], 1);
        AssertQuoted(-1.6, predicted[1], 1);
        AssertQuoted(-2.61, predicted[2], 2);

        // "By calculation when b3 = 0, the SSR = 20.4": the loss is the sum of squared residuals.
        AssertQuoted(20.4, network.Loss(Dosages, Observed, 3), 1);
    }

    [Fact]
    public void SlopeAtB3Zero_IsMinus15Point7_AndEqualsTheNotesChainRule()
    {
        ReferenceNetwork network = CreateNetwork();
        network.Backward(Dosages, Observed, 3);
        double slope = network.Gradients[B3];
        AssertQuoted(-15.7, slope, 1);

        // dSSR/db3 = sum_i -2 (observed_i - predicted_i) * 1.
        var predicted = new double[3];
        network.Forward(Dosages, predicted, 3);
        double chainRule = 0;
        for (int i = 0; i < 3; i++)
            chainRule += -2 * (Observed[i] - predicted[i]);
        Assert.Equal(chainRule, slope, 1e-12);
    }

    [Fact]
    public void GradientDescentOnB3Alone_StepsTo1Point57_Then2Point19_AndConvergesNear2Point61()
    {
        ReferenceNetwork network = CreateNetwork();
        double[] others = network.Parameters.ToArray();
        const double learningRate = 0.1;

        double StepB3()
        {
            network.Backward(Dosages, Observed, 3);
            double slope = network.Gradients[B3];
            network.Parameters[B3] -= learningRate * slope; // new b3 = old b3 - slope * learning rate
            return slope;
        }

        StepB3();
        AssertQuoted(1.57, network.Parameters[B3], 2);
        AssertQuoted(-6.26, StepB3(), 2); // "gives us -6.26, which corresponds to the slope when b3 = 1.57"
        AssertQuoted(2.19, network.Parameters[B3], 2);

        // "Keep taking steps until the step size is close to 0": b3 = 2.61.
        int steps = 2;
        while (Math.Abs(learningRate * StepB3()) > 1e-6 && steps < 100)
            steps++;
        AssertQuoted(2.61, network.Parameters[B3], 2);
        Assert.InRange(steps, 10, 30); // each step shrinks the distance to the optimum by 1 - 0.1 * 2 * 3 = 0.4

        // Only b3 moved.
        others[B3] = network.Parameters[B3];
        Assert.Equal(others, network.Parameters.ToArray());
    }

    [Fact]
    public void AllSevenGradients_MatchFiniteDifferences()
    {
        ReferenceNetwork network = CreateNetwork();
        network.Backward(Dosages, Observed, 3);
        int[] all = [0, 1, 2, 3, 4, 5, 6];
        double[] numeric = FiniteDifferences.ParameterGradient(network, Dosages, Observed, 3, all);
        Assert.True(FiniteDifferences.RelativeError(network.Gradients, numeric) < 1e-8);
    }

    private static ReferenceNetwork CreateNetwork()
    {
        var spec = new NetworkSpec(
            1,
            [new LayerDeclaration(2, Activation.Softplus), new LayerDeclaration(1)],
            Loss.SquaredError,
            Reduction.Sum,
            maxBatch: 3);
        var network = new ReferenceNetwork(spec);
        double[] parameters =
        [
            3.34, -3.53,   // W1: dosage -> top, bottom hidden unit
            -1.43, 0.57,   // b1
            -1.22, -2.30,  // W2: top, bottom hidden unit -> output
            0,             // b3 (b2 in NetGen's naming), initialized to 0 as in the notes
        ];
        parameters.CopyTo(network.Parameters);
        return network;
    }

    /// <summary>Equal to the notes' figure rounded to <paramref name="decimals"/> decimals: within half a unit of the last digit.</summary>
    private static void AssertQuoted(double quoted, double actual, int decimals)
    {
        double halfUnit = 0.5 * Math.Pow(10, -decimals);
        Assert.True(Math.Abs(actual - quoted) <= halfUnit, $"{actual:R} does not round to the notes' {quoted} (tolerance {halfUnit}).");
    }
}
