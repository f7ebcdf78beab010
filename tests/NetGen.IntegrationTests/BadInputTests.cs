using System;
using System.Collections.Generic;
using NetGen.IntegrationTests.Networks;

namespace NetGen.IntegrationTests;

/// <summary>
/// Every kind of bad argument, on every entry point that takes it: the exception type and parameter name of
/// <see cref="NetworkGuard"/>, thrown before anything is written (parameters, gradients and output spans unchanged).
/// </summary>
public sealed class BadInputTests
{
    // OddWidths: 5 inputs, 9 classes, MaxBatch 9. AffineReluAffine: 6 inputs, 3 outputs, MaxBatch 16.
    private const int In = OddWidths.InputSize, ClassCount = OddWidths.OutputSize, Max = OddWidths.MaxBatch;
    private const int RIn = AffineReluAffine.InputSize, ROut = AffineReluAffine.OutputSize, RMax = AffineReluAffine.MaxBatch;

    private static readonly Dictionary<string, (Type Exception, string Parameter, Action<Probe> Call)> Cases = new(StringComparer.Ordinal)
    {
        // Batch size outside 1..MaxBatch.
        ["Forward batchSize 0"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Classifier.Forward(p.X(0), p.Outputs(0), 0)),
        ["Forward batchSize MaxBatch+1"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Classifier.Forward(p.X(Max + 1), p.Outputs(Max + 1), Max + 1)),
        ["Backward batchSize -1"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Classifier.Backward(p.X(1), p.Labels(1), -1)),
        ["TrainBatch batchSize MaxBatch+1"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Regressor.TrainBatch(p.RX(RMax + 1), p.RTargets(RMax + 1), RMax + 1, 0.1f)),
        ["TrainEpoch batchSize 0"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Classifier.TrainEpoch(p.X(4), p.Labels(4), 4, 0.1f, 0)),
        ["TrainEpoch batchSize MaxBatch+1"] = (typeof(ArgumentOutOfRangeException), "batchSize", p => p.Regressor.TrainEpoch(p.RX(4), p.RTargets(4), 4, 0.1f, RMax + 1)),

        // Wrong span lengths.
        ["Forward inputs short"] = (typeof(ArgumentException), "inputs", p => p.Classifier.Forward(p.X(3).AsSpan(1), p.Outputs(3), 3)),
        ["Forward outputs long"] = (typeof(ArgumentException), "outputs", p => p.Classifier.Forward(p.X(3), p.Outputs(4), 3)),
        ["Backward inputs long"] = (typeof(ArgumentException), "inputs", p => p.Regressor.Backward(p.RX(4), p.RTargets(3), 3)),
        ["Backward targets short"] = (typeof(ArgumentException), "targets", p => p.Regressor.Backward(p.RX(3), p.RTargets(2), 3)),
        ["Backward labels short"] = (typeof(ArgumentException), "targets", p => p.Classifier.Backward(p.X(3), p.Labels(2), 3)),
        ["Backward byte labels long"] = (typeof(ArgumentException), "targets", p => p.Classifier.Backward(p.X(3), p.Bytes(4), 3)),
        ["InputGradient inputGradients short"] = (typeof(ArgumentException), "inputGradients", p => p.Classifier.InputGradient(p.X(3), p.Labels(3), 3, p.InputGradients(2))),
        ["TrainBatch targets long"] = (typeof(ArgumentException), "targets", p => p.Regressor.TrainBatch(p.RX(2), p.RTargets(3), 2, 0.1f)),
        ["Predict predictions short"] = (typeof(ArgumentException), "predictions", p => p.Classifier.Predict(p.X(5), p.Classes(4), 5)),
        ["Predict regressor predictions long"] = (typeof(ArgumentException), "predictions", p => p.Regressor.Predict(p.RX(5), p.RPredictions(6), 5)),

        // Counts: negative, or not matching the spans.
        ["TrainEpoch count -1"] = (typeof(ArgumentOutOfRangeException), "count", p => p.Classifier.TrainEpoch(p.X(0), p.Labels(0), -1, 0.1f, 1)),
        ["TrainEpoch count larger than inputs"] = (typeof(ArgumentException), "inputs", p => p.Classifier.TrainEpoch(p.X(10), p.Labels(11), 11, 0.1f, 3)),
        ["TrainEpoch count smaller than targets"] = (typeof(ArgumentException), "targets", p => p.Regressor.TrainEpoch(p.RX(10), p.RTargets(11), 10, 0.1f, 3)),
        ["Evaluate count -5"] = (typeof(ArgumentOutOfRangeException), "count", p => p.Regressor.Evaluate(p.RX(0), p.RTargets(0), -5)),
        ["Evaluate count not matching labels"] = (typeof(ArgumentException), "targets", p => p.Classifier.Evaluate(p.X(30), p.Labels(29), 30)),
        ["Predict count -1"] = (typeof(ArgumentOutOfRangeException), "count", p => p.Classifier.Predict(p.X(0), p.Classes(0), -1)),
        ["Predict count not matching inputs"] = (typeof(ArgumentException), "inputs", p => p.Regressor.Predict(p.RX(3), p.RPredictions(4), 4)),

        // Labels outside 0..OutputSize-1.
        ["Backward label OutputSize"] = (typeof(ArgumentException), "targets", p => p.Classifier.Backward(p.X(3), p.Labels(3, bad: ClassCount), 3)),
        ["Backward label -1"] = (typeof(ArgumentException), "targets", p => p.Classifier.Backward(p.X(3), p.Labels(3, bad: -1), 3)),
        ["Backward byte label OutputSize"] = (typeof(ArgumentException), "targets", p => p.Classifier.Backward(p.X(3), p.Bytes(3, bad: ClassCount), 3)),
        ["InputGradient label OutputSize"] = (typeof(ArgumentException), "targets", p => p.Classifier.InputGradient(p.X(3), p.Labels(3, bad: ClassCount), 3, p.InputGradients(3))),
        ["TrainBatch byte label 255"] = (typeof(ArgumentException), "targets", p => p.Classifier.TrainBatch(p.X(3), p.Bytes(3, bad: 255), 3, 0.1f)),
        ["TrainEpoch label in the last batch"] = (typeof(ArgumentException), "targets", p => p.Classifier.TrainEpoch(p.X(20), p.Labels(20, bad: ClassCount + 3), 20, 0.1f, 4)),
        ["Evaluate byte label OutputSize"] = (typeof(ArgumentException), "targets", p => p.Classifier.Evaluate(p.X(20), p.Bytes(20, bad: ClassCount), 20)),

        // Learning rates that are not finite.
        ["ApplySgd NaN"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Classifier.ApplySgd(float.NaN)),
        ["ApplySgd +Infinity"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Regressor.ApplySgd(float.PositiveInfinity)),
        ["TrainBatch NaN"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Classifier.TrainBatch(p.X(3), p.Labels(3), 3, float.NaN)),
        ["TrainBatch -Infinity"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Regressor.TrainBatch(p.RX(3), p.RTargets(3), 3, float.NegativeInfinity)),
        ["TrainEpoch NaN"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Classifier.TrainEpoch(p.X(20), p.Bytes(20), 20, float.NaN, 4)),
        ["TrainEpoch +Infinity"] = (typeof(ArgumentOutOfRangeException), "learningRate", p => p.Regressor.TrainEpoch(p.RX(20), p.RTargets(20), 20, float.PositiveInfinity, 4)),
    };

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in Cases.Keys)
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BadArgument_Throws_BeforeWritingAnything(string name)
    {
        (Type exception, string parameter, Action<Probe> call) = Cases[name];
        var probe = new Probe();

        var thrown = (ArgumentException)Assert.Throws(exception, () => call(probe));

        Assert.Equal(parameter, thrown.ParamName);
        probe.AssertUnchanged();
    }

    /// <summary>Two networks with nonzero parameters and gradients, and output buffers filled with a sentinel.</summary>
    private sealed class Probe
    {
        private const float Sentinel = 42f;
        private readonly List<float[]> _outputs = new();
        private readonly List<int[]> _intOutputs = new();
        private readonly float[] _classifierParameters, _classifierGradients, _regressorParameters, _regressorGradients;

        public Probe()
        {
            Classifier.Initialize(1);
            Regressor.Initialize(2);
            Classifier.Backward(X(4), Labels(4), 4);
            Regressor.Backward(RX(4), RTargets(4), 4);
            _classifierParameters = Classifier.Parameters.ToArray();
            _classifierGradients = Classifier.Gradients.ToArray();
            _regressorParameters = Regressor.Parameters.ToArray();
            _regressorGradients = Regressor.Gradients.ToArray();
        }

        public OddWidths Classifier { get; } = new();

        public AffineReluAffine Regressor { get; } = new();

        public float[] X(int rows) => Fill(rows * In);

        public float[] RX(int rows) => Fill(rows * RIn);

        public float[] RTargets(int rows) => Fill(rows * ROut);

        public int[] Labels(int rows, int bad = 0)
        {
            int[] labels = new int[rows];
            for (int b = 0; b < rows; b++)
                labels[b] = b % ClassCount;
            if (bad != 0 && rows > 0)
                labels[^1] = bad;
            return labels;
        }

        public byte[] Bytes(int rows, int bad = 0) => Array.ConvertAll(Labels(rows, bad), label => unchecked((byte)label));

        public float[] Outputs(int rows) => Output(rows * ClassCount);

        public float[] InputGradients(int rows) => Output(rows * In);

        public float[] RPredictions(int rows) => Output(rows * ROut);

        public int[] Classes(int rows)
        {
            int[] classes = new int[rows];
            Array.Fill(classes, (int)Sentinel);
            _intOutputs.Add(classes);
            return classes;
        }

        public void AssertUnchanged()
        {
            Assert.Equal(_classifierParameters, Classifier.Parameters.ToArray());
            Assert.Equal(_classifierGradients, Classifier.Gradients.ToArray());
            Assert.Equal(_regressorParameters, Regressor.Parameters.ToArray());
            Assert.Equal(_regressorGradients, Regressor.Gradients.ToArray());
            foreach (float[] output in _outputs)
                Assert.All(output, value => Assert.Equal(Sentinel, value));
            foreach (int[] output in _intOutputs)
                Assert.All(output, value => Assert.Equal((int)Sentinel, value));
        }

        private float[] Output(int length)
        {
            float[] buffer = new float[length];
            Array.Fill(buffer, Sentinel);
            _outputs.Add(buffer);
            return buffer;
        }

        private static float[] Fill(int length)
        {
            float[] values = new float[length];
            for (int i = 0; i < length; i++)
                values[i] = (i % 7 - 3) * 0.25f;
            return values;
        }
    }
}
