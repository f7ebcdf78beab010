using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>
/// The gate example of the backpropagation notes (001): <c>f = (x + y) z</c> at x = -2, y = 5, z = -4, with gradients
/// df/dx = -4, df/dy = -4, df/dz = 3.
/// </summary>
/// <remarks>
/// The circuit maps onto the notes' staged computation: layer 1 is the add gate <c>q = x + y</c> (identity, no bias,
/// weights fixed at [1, 1]); layer 2 is the multiply gate <c>f = q z</c> with z as its single weight. x and y are the
/// network's inputs. A network's gradients are those of its loss, so the loss must pass df through unchanged:
/// HalfSquaredError summed over one row with the target <c>f - 1</c> has <c>dL/df = f - target = 1</c> at this point,
/// and then every gradient of L equals the corresponding gradient of f.
/// </remarks>
public sealed class GateExampleTests
{
    [Fact]
    public void Gradients_AreThoseOfTheCircuit()
    {
        var spec = new NetworkSpec(
            2,
            [new LayerDeclaration(1, Bias: false), new LayerDeclaration(1, Bias: false)],
            Loss.HalfSquaredError,
            Reduction.Sum,
            maxBatch: 1);
        var network = new ReferenceNetwork(spec);
        double[] parameters = [1, 1, -4]; // W1 = [1; 1] (the add gate), W2 = [z]
        parameters.CopyTo(network.Parameters);
        double[] xy = [-2, 5];

        var f = new double[1];
        network.Forward(xy, f, 1);
        Assert.Equal(-12, f[0]); // q = 3, f = q z = -12

        double[] target = [f[0] - 1];
        var dxy = new double[2];
        double loss = network.InputGradient(xy, target, 1, dxy);

        Assert.Equal(0.5, loss);
        Assert.Equal(-4, dxy[0]); // df/dx = df/dq * dq/dx = z * 1
        Assert.Equal(-4, dxy[1]); // df/dy = z * 1
        Assert.Equal(3, network.Gradients[2]); // df/dz = q
        // The add gate's own "weights" get df/dq times their inputs: -4 * -2 and -4 * 5.
        Assert.Equal(8, network.Gradients[0]);
        Assert.Equal(-20, network.Gradients[1]);
    }
}
