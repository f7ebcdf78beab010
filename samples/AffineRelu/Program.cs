using System;
using System.Globalization;
using NetGen.Samples.AffineRelu;

// The homework solution of the notes (003): Affine_1 -> ReLU -> Affine_2 -> identity with the loss ||y_hat - y||^2.
// Part 1 checks the generated gradients against the chain rule as the solution writes it, for one sample:
//   dl/dy_hat = 2 (y_hat - y),  dl/dW2 = z2 (dl/dy_hat)^T,  dl/db2 = dl/dy_hat,
//   dl/dz1 = 1{z1 > 0} o (W2 dl/dy_hat),  dl/dW1 = x (dl/dz1)^T,  dl/db1 = dl/dz1
// (in NetGen's row-vector layout, W is [inputs x units]). Part 2 fits a small regression with the fused SGD step.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var network = new AffineReluNetwork();
network.Initialize(seed: 3);

float[] x = { 0.5f, -1.0f, 2.0f };
float[] y = { 1.0f, -0.5f };
float[] yHat = new float[2];
network.Backward(x, y, 1);
network.Forward(x, yHat, 1);

// The forward table: z1 = x W1 + b1, z2 = ReLU(z1), z3 = z2 W2 + b2, y_hat = z3.
float[] z1 = new float[8], z2 = new float[8];
for (int j = 0; j < 8; j++)
{
    z1[j] = network.B1[j];
    for (int i = 0; i < 3; i++)
        z1[j] += x[i] * network.W1[i * 8 + j];
    z2[j] = MathF.Max(z1[j], 0);
}

float[] dYHat = { 2 * (yHat[0] - y[0]), 2 * (yHat[1] - y[1]) };
double worst = 0;
for (int j = 0; j < 8; j++)
{
    float dZ1 = z1[j] > 0 ? network.W2[j * 2] * dYHat[0] + network.W2[j * 2 + 1] * dYHat[1] : 0;
    worst = Math.Max(worst, Math.Abs(network.GradB1[j] - dZ1));
    for (int i = 0; i < 3; i++)
        worst = Math.Max(worst, Math.Abs(network.GradW1[i * 8 + j] - x[i] * dZ1));
    for (int k = 0; k < 2; k++)
        worst = Math.Max(worst, Math.Abs(network.GradW2[j * 2 + k] - z2[j] * dYHat[k]));
}

for (int k = 0; k < 2; k++)
    worst = Math.Max(worst, Math.Abs(network.GradB2[k] - dYHat[k]));
Console.WriteLine($"Part 1: y_hat = ({yHat[0]:F4}, {yHat[1]:F4}) for y = ({y[0]}, {y[1]}); dl/dy_hat = ({dYHat[0]:F4}, {dYHat[1]:F4})");
Console.WriteLine($"        largest difference between NetGen's gradients and the hand-derived chain rule: {worst:E2}");

// Part 2: learn y = (sin(x0) + x1 x2, |x0| - x2) on 64 seeded random points in [-1, 1]^3.
const int rows = 64;
float[] inputs = new float[rows * 3], targets = new float[rows * 2];
var random = new Random(11);
for (int r = 0; r < rows; r++)
{
    for (int i = 0; i < 3; i++)
        inputs[r * 3 + i] = (float)(random.NextDouble() * 2 - 1);
    targets[r * 2] = MathF.Sin(inputs[r * 3]) + inputs[r * 3 + 1] * inputs[r * 3 + 2];
    targets[r * 2 + 1] = MathF.Abs(inputs[r * 3]) - inputs[r * 3 + 2];
}

Console.WriteLine("Part 2: fitting 64 points, full batch, learning rate 0.02");
for (int epoch = 0; epoch <= 4_000; epoch++)
{
    var result = network.TrainEpoch(inputs, targets, rows, learningRate: 0.02f, batchSize: rows);
    if (epoch % 1_000 == 0)
        Console.WriteLine($"  epoch {epoch,5}: mean squared error {result.MeanLoss:F5}");
}

Console.WriteLine($"Final mean squared error: {network.Evaluate(inputs, targets, rows).MeanLoss:F5}");
return worst < 1e-5 ? 0 : 1;
