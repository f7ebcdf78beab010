using System;
using NetGen.Specification;

namespace NetGen.IntegrationTests.Verification;

/// <summary>Inputs and targets for some rows: labels for a classifier, real rows for a regressor.</summary>
internal sealed class Batch
{
    private Batch(int rows, float[] inputs, int[] labels, float[] targets)
    {
        Rows = rows;
        Inputs = inputs;
        Labels = labels;
        Targets = targets;
    }

    public int Rows { get; }

    public float[] Inputs { get; }

    /// <summary>One label per row for a classifier; empty otherwise.</summary>
    public int[] Labels { get; }

    /// <summary>Row-major real targets for a regressor; empty otherwise.</summary>
    public float[] Targets { get; }

    public byte[] ByteLabels => Array.ConvertAll(Labels, label => (byte)label);

    public double[] WideInputs => Array.ConvertAll(Inputs, value => (double)value);

    /// <summary>
    /// Random rows: inputs uniform in [-1, 1) with a third of them exactly 0 (so kernels that skip zero inputs
    /// are exercised), labels uniform over the classes, targets uniform in [-1, 1).
    /// </summary>
    public static Batch Draw(NetworkSpec spec, int rows, Random random)
    {
        float[] inputs = new float[rows * spec.InputSize];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = random.Next(3) == 0 ? 0f : (float)(2 * random.NextDouble() - 1);
        if (spec.IsClassifier)
        {
            int[] labels = new int[rows];
            for (int b = 0; b < rows; b++)
                labels[b] = random.Next(spec.OutputSize);
            return new Batch(rows, inputs, labels, Array.Empty<float>());
        }

        float[] targets = new float[rows * spec.OutputSize];
        for (int i = 0; i < targets.Length; i++)
            targets[i] = (float)(2 * random.NextDouble() - 1);
        return new Batch(rows, inputs, Array.Empty<int>(), targets);
    }

    /// <summary>The rows of every batch, in order.</summary>
    public static Batch Concatenate(NetworkSpec spec, Batch[] batches)
    {
        var inputs = new System.Collections.Generic.List<float>();
        var labels = new System.Collections.Generic.List<int>();
        var targets = new System.Collections.Generic.List<float>();
        int rows = 0;
        foreach (Batch batch in batches)
        {
            rows += batch.Rows;
            inputs.AddRange(batch.Inputs);
            labels.AddRange(batch.Labels);
            targets.AddRange(batch.Targets);
        }

        return new Batch(rows, inputs.ToArray(), spec.IsClassifier ? labels.ToArray() : Array.Empty<int>(), targets.ToArray());
    }

    /// <summary>Rows [start, start + count) of this batch.</summary>
    public Batch Slice(NetworkSpec spec, int start, int count) => new(
        count,
        Inputs.AsSpan(start * spec.InputSize, count * spec.InputSize).ToArray(),
        Labels.Length == 0 ? Labels : Labels.AsSpan(start, count).ToArray(),
        Targets.Length == 0 ? Targets : Targets.AsSpan(start * spec.OutputSize, count * spec.OutputSize).ToArray());
}
