using System;
using System.Globalization;
using NetGen;
using NetGen.Samples.Dosage;

// The dosage example of the backpropagation notes (Version 3): three dosages (0, 0.5, 1), observed efficacy
// (0, 1, 0), and a 1-2-1 Softplus network whose last bias b3 is found by gradient descent on the sum of squared
// residuals (SSR). Then the whole network is fitted from a seeded initialization.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
float[] dosages = { 0f, 0.5f, 1f };
float[] observed = { 0f, 1f, 0f };
var network = new DosageNetwork();
float[] fitted = new float[3];

// Part 1, the notes' walk-through: every parameter fixed at the notes' values except b3, which starts at 0.
// Layout (fixed by NetGen): W1 = [w_top, w_bottom], b1 = [b_top, b_bottom], W2 = [w3_top, w3_bottom], b2 = [b3].
new float[] { 3.34f, -3.53f, -1.43f, 0.57f, -1.22f, -2.30f, 0f }.CopyTo(network.Parameters);
Console.WriteLine("Part 1: gradient descent on b3 alone (learning rate 0.1), as in the notes");
Console.WriteLine("| step |     b3 |  dSSR/db3 |    SSR |");
for (int step = 0; step <= 100; step++)
{
    float ssr = network.Backward(dosages, observed, 3);
    float slope = network.GradB2[0];
    if (step < 4 || step % 25 == 0)
        Console.WriteLine($"| {step,4} | {network.B2[0],6:F3} | {slope,9:F3} | {ssr,6:F3} |");
    if (MathF.Abs(slope * 0.1f) < 1e-4f)
    {
        Console.WriteLine($"| {step,4} | {network.B2[0],6:F3} | {slope,9:F3} | {ssr,6:F3} |  (step size below 1e-4: stop)");
        break;
    }

    network.B2[0] -= 0.1f * slope; // only b3 moves
}

network.Forward(dosages, fitted, 3);
Console.WriteLine($"The squiggle at dosages 0, 0.5, 1: {fitted[0]:F3}, {fitted[1]:F3}, {fitted[2]:F3} (observed 0, 1, 0)");
Console.WriteLine();

// Part 2: every parameter learned, from a seeded initialization, with the generated fused SGD step.
network.Initialize(seed: 4);
Console.WriteLine("Part 2: all seven parameters by gradient descent (learning rate 0.05, seed 4)");
float loss = 0;
for (int step = 0; step <= 20_000; step++)
{
    loss = network.TrainBatch(dosages, observed, 3, learningRate: 0.05f);
    if (step % 5_000 == 0)
        Console.WriteLine($"  step {step,6}: SSR {loss:F6}");
}

network.Forward(dosages, fitted, 3);
// Evaluate reports the mean per-row loss; with the squared error, times the rows is the SSR.
double ssrAfter = network.Evaluate(dosages, observed, 3).MeanLoss * 3;
Console.WriteLine($"The squiggle at dosages 0, 0.5, 1: {fitted[0]:F4}, {fitted[1]:F4}, {fitted[2]:F4} (observed 0, 1, 0)");
Console.WriteLine($"Final sum of squared residuals: {ssrAfter:F6}");
return 0;
