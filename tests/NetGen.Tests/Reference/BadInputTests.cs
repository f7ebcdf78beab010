using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>
/// Every bad argument throws the exact exception type, names the argument, and leaves the parameters, the gradients
/// and the caller's output buffers untouched.
/// </summary>
public sealed class BadInputTests
{
    private const double Sentinel = 12345.0;

    // Classifier: 3 inputs -> 4 Tanh -> 3 classes, MaxBatch 4. Regressor: 3 inputs -> 2 outputs, MaxBatch 4.
    private readonly ReferenceNetwork _classifier = Create(Loss.SoftmaxCrossEntropy, 3);
    private readonly ReferenceNetwork _regressor = Create(Loss.SquaredError, 2);

    private static readonly double[] X2 = [0.1, 0.2, 0.3, -0.1, -0.2, -0.3]; // 2 rows
    private static readonly int[] Y2 = [0, 2];
    private static readonly double[] T2 = [0.5, -0.5, 1, 2]; // 2 rows x 2 outputs

    [Fact]
    public void Forward_RejectsBadBatchAndLengths()
    {
        var outputs = Filled(6);
        Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => _classifier.Forward(X2, outputs, 0), outputs);
        Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => _classifier.Forward(new double[15], new double[15], 5));
        Rejects<ArgumentException>(_classifier, "inputs", () => _classifier.Forward(X2.AsSpan(1), outputs, 2), outputs);
        Rejects<ArgumentException>(_classifier, "outputs", () => _classifier.Forward(X2, outputs.AsSpan(1), 2), outputs);
        Rejects<ArgumentException>(_classifier, "inputs", () => _classifier.Forward(new float[5], outputs, 2), outputs);
    }

    [Fact]
    public void LabelMethods_RejectBadBatchLengthsAndLabels()
    {
        foreach (Func<ReadOnlySpan<double>, ReadOnlySpan<int>, int, double> call in LabelCalls(_classifier))
        {
            Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => call(X2, Y2, 0));
            Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => call(new double[15], new int[5], 5));
            Rejects<ArgumentException>(_classifier, "inputs", () => call(X2.AsSpan(0, 5), Y2, 2));
            Rejects<ArgumentException>(_classifier, "targets", () => call(X2, Y2.AsSpan(0, 1), 2));
            Rejects<ArgumentException>(_classifier, "targets", () => call(X2, [0, 3], 2));
            Rejects<ArgumentException>(_classifier, "targets", () => call(X2, [-1, 0], 2));
        }
    }

    [Fact]
    public void ValueMethods_RejectBadBatchAndLengths()
    {
        foreach (Func<ReadOnlySpan<double>, ReadOnlySpan<double>, int, double> call in ValueCalls(_regressor))
        {
            Rejects<ArgumentOutOfRangeException>(_regressor, "batchSize", () => call(X2, T2, -1));
            Rejects<ArgumentException>(_regressor, "inputs", () => call(X2.AsSpan(0, 3), T2, 2));
            Rejects<ArgumentException>(_regressor, "targets", () => call(X2, T2.AsSpan(0, 3), 2));
        }

        Rejects<ArgumentException>(_regressor, "targets", () => _regressor.Backward(new float[6], new float[3], 2));
    }

    [Fact]
    public void OutputSpansAndLearningRates_AreChecked()
    {
        var inputGradients = Filled(6);
        Rejects<ArgumentException>(_classifier, "inputGradients", () => _classifier.InputGradient(X2, Y2, 2, inputGradients.AsSpan(0, 5)), inputGradients);
        Rejects<ArgumentException>(_regressor, "inputGradients", () => _regressor.InputGradient(X2, T2, 2, inputGradients.AsSpan(1)), inputGradients);
        foreach (double rate in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Rejects<ArgumentOutOfRangeException>(_classifier, "learningRate", () => _classifier.TrainBatch(X2, Y2, 2, rate));
            Rejects<ArgumentOutOfRangeException>(_regressor, "learningRate", () => _regressor.TrainBatch(X2, T2, 2, rate));
            Rejects<ArgumentOutOfRangeException>(_classifier, "learningRate", () => _classifier.ApplySgd(rate));
            Rejects<ArgumentOutOfRangeException>(_classifier, "learningRate", () => _classifier.TrainEpoch(X2, Y2, 2, rate, 1));
            Rejects<ArgumentOutOfRangeException>(_regressor, "learningRate", () => _regressor.TrainEpoch(X2, T2, 2, rate, 1));
        }

        Rejects<ArgumentOutOfRangeException>(_classifier, "learningRate", () => _classifier.TrainBatch(new float[6], Y2, 2, float.NaN));
    }

    [Fact]
    public void Epoch_ChecksEveryRowBeforeTheFirstStep()
    {
        double[] x = new double[7 * 3];
        int[] labels = [0, 1, 2, 0, 1, 2, 3]; // the bad label is in the last, partial batch
        Rejects<ArgumentException>(_classifier, "targets", () => _classifier.TrainEpoch(x, labels, 7, 0.1, 3));
        Rejects<ArgumentException>(_classifier, "targets", () => _classifier.TrainEpoch(new float[21], labels, 7, 0.1, 3));
        Rejects<ArgumentOutOfRangeException>(_classifier, "count", () => _classifier.TrainEpoch(x, labels, -1, 0.1, 3));
        Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => _classifier.TrainEpoch(x, labels, 7, 0.1, 0));
        Rejects<ArgumentOutOfRangeException>(_classifier, "batchSize", () => _classifier.TrainEpoch(x, labels, 7, 0.1, 5));
        Rejects<ArgumentException>(_classifier, "inputs", () => _classifier.TrainEpoch(x, labels, 6, 0.1, 3));
        Rejects<ArgumentException>(_regressor, "targets", () => _regressor.TrainEpoch(x, new double[13], 7, 0.1, 3));
        Rejects<ArgumentException>(_regressor, "inputs", () => _regressor.TrainEpoch(new float[20], new float[14], 7, 0.1, 3));
    }

    [Fact]
    public void EvaluateAndPredict_CheckCountsAndLengths()
    {
        var predictions = new int[2];
        var values = Filled(4);
        Rejects<ArgumentOutOfRangeException>(_classifier, "count", () => _classifier.Evaluate(X2, Y2, -1));
        Rejects<ArgumentException>(_classifier, "inputs", () => _classifier.Evaluate(X2, Y2, 1));
        Rejects<ArgumentException>(_classifier, "targets", () => _classifier.Evaluate(X2, [1, 7], 2));
        Rejects<ArgumentException>(_regressor, "targets", () => _regressor.Evaluate(X2, T2.AsSpan(1), 2));
        Rejects<ArgumentOutOfRangeException>(_classifier, "count", () => _classifier.Predict(X2, predictions, -2));
        Rejects<ArgumentException>(_classifier, "predictions", () => _classifier.Predict(X2, predictions.AsSpan(1), 2));
        Rejects<ArgumentException>(_regressor, "predictions", () => _regressor.Predict(X2, values.AsSpan(1), 2), values);
        Rejects<ArgumentException>(_regressor, "inputs", () => _regressor.Predict(new float[4], values, 2), values);
        Assert.Equal([0, 0], predictions);
    }

    [Fact]
    public void WrongKindOfTargets_IsAnInvalidOperation_SayingWhichKindTheLossNeeds()
    {
        string labelsOnRegressor = RejectsMisuse(_regressor, () => _regressor.Backward(X2, Y2, 2));
        Assert.Contains("SquaredError", labelsOnRegressor, StringComparison.Ordinal);
        Assert.Contains("real-valued targets", labelsOnRegressor, StringComparison.Ordinal);
        string valuesOnClassifier = RejectsMisuse(_classifier, () => _classifier.Backward(X2, T2, 2));
        Assert.Contains("SoftmaxCrossEntropy", valuesOnClassifier, StringComparison.Ordinal);
        Assert.Contains("class labels", valuesOnClassifier, StringComparison.Ordinal);

        foreach (Func<ReadOnlySpan<double>, ReadOnlySpan<int>, int, double> call in LabelCalls(_regressor))
            RejectsMisuse(_regressor, () => call(X2, Y2, 2));
        foreach (Func<ReadOnlySpan<double>, ReadOnlySpan<double>, int, double> call in ValueCalls(_classifier))
            RejectsMisuse(_classifier, () => call(X2, T2, 2));
        RejectsMisuse(_regressor, () => _regressor.Predict(X2, new int[2], 2));
        RejectsMisuse(_classifier, () => _classifier.Predict(X2, new double[6], 2));
        RejectsMisuse(_regressor, () => _regressor.TrainBatch(new float[6], Y2, 2, 0.1));
        RejectsMisuse(_classifier, () => _classifier.TrainEpoch(new float[6], new float[4], 2, 0.1, 2));
    }

    [Fact]
    public void Messages_AreNetworkGuards()
    {
        ArgumentException actual = Assert.Throws<ArgumentException>(() => _classifier.Backward(X2.AsSpan(1), Y2, 2));
        ArgumentException expected = Assert.Throws<ArgumentException>(() => NetworkGuard.Length(5, 2, 3, "inputs", "batchSize", "InputSize"));
        Assert.Equal(expected.Message, actual.Message);

        actual = Assert.Throws<ArgumentException>(() => _classifier.Backward(X2, [0, 3], 2));
        expected = Assert.Throws<ArgumentException>(() => NetworkGuard.Labels([0, 3], 3));
        Assert.Equal(expected.Message, actual.Message);

        actual = Assert.Throws<ArgumentOutOfRangeException>(() => _classifier.Forward(new double[15], new double[15], 5));
        expected = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGuard.BatchSize(5, 4));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void ParameterCopies_CheckTheLength()
    {
        Rejects<ArgumentException>(_classifier, "source", () => _classifier.CopyParametersFrom(new float[3]));
        Rejects<ArgumentException>(_classifier, "destination", () => _classifier.CopyParametersTo(new float[100]));
        Assert.Throws<ArgumentNullException>(() => new ReferenceNetwork(null!));
    }

    private static Func<ReadOnlySpan<double>, ReadOnlySpan<int>, int, double>[] LabelCalls(ReferenceNetwork n) =>
    [
        (x, y, m) => n.Loss(x, y, m),
        (x, y, m) => n.Backward(x, y, m),
        (x, y, m) => n.InputGradient(x, y, m, new double[Math.Max(m, 0) * 3]),
        (x, y, m) => n.TrainBatch(x, y, m, 0.1),
        (x, y, m) => n.Loss(Narrow(x), y, m),
        (x, y, m) => n.Backward(Narrow(x), y, m),
        (x, y, m) => n.TrainBatch(Narrow(x), y, m, 0.1),
    ];

    private static Func<ReadOnlySpan<double>, ReadOnlySpan<double>, int, double>[] ValueCalls(ReferenceNetwork n) =>
    [
        (x, t, m) => n.Loss(x, t, m),
        (x, t, m) => n.Backward(x, t, m),
        (x, t, m) => n.InputGradient(x, t, m, new double[Math.Max(m, 0) * 3]),
        (x, t, m) => n.TrainBatch(x, t, m, 0.1),
        (x, t, m) => n.Loss(Narrow(x), Narrow(t), m),
        (x, t, m) => n.Backward(Narrow(x), Narrow(t), m),
        (x, t, m) => n.TrainBatch(Narrow(x), Narrow(t), m, 0.1),
    ];

    /// <summary>
    /// Asserts that <paramref name="call"/> throws exactly <typeparamref name="TException"/> naming
    /// <paramref name="paramName"/>, with the parameters, gradients and the given buffers unchanged.
    /// </summary>
    private static void Rejects<TException>(ReferenceNetwork network, string paramName, Action call, params double[][] buffers)
        where TException : ArgumentException
    {
        double[] parameters = network.Parameters.ToArray();
        double[] gradients = network.Gradients.ToArray();
        double[][] before = Array.ConvertAll(buffers, b => (double[])b.Clone());

        TException exception = Assert.Throws<TException>(call);

        Assert.Equal(paramName, exception.ParamName);
        Assert.Equal(parameters, network.Parameters.ToArray());
        Assert.Equal(gradients, network.Gradients.ToArray());
        for (int i = 0; i < buffers.Length; i++)
            Assert.Equal(before[i], buffers[i]);
    }

    private static string RejectsMisuse(ReferenceNetwork network, Action call)
    {
        double[] parameters = network.Parameters.ToArray();
        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(call);
        Assert.Equal(parameters, network.Parameters.ToArray());
        return exception.Message;
    }

    private static ReferenceNetwork Create(Loss loss, int outputs)
    {
        LayerDeclaration[] layers = loss == Loss.SoftmaxCrossEntropy
            ? [new LayerDeclaration(4, Activation.Tanh), new LayerDeclaration(outputs)]
            : [new LayerDeclaration(outputs)];
        var network = new ReferenceNetwork(new NetworkSpec(3, layers, loss, Reduction.Mean, maxBatch: 4));
        network.Initialize(1);
        // Non-zero gradients, so that "unchanged" means something.
        if (loss == Loss.SoftmaxCrossEntropy) network.Backward(X2, Y2, 2);
        else network.Backward(X2, T2, 2);
        return network;
    }

    private static double[] Filled(int length)
    {
        var buffer = new double[length];
        Array.Fill(buffer, Sentinel);
        return buffer;
    }

    private static float[] Narrow(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }
}
