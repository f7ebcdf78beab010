using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using NetGen.Specification;

namespace NetGen.Reporting;

/// <summary>
/// Everything a training report shows, filled in by a trainer as it goes: the network, the hyper-parameters, one
/// <see cref="EpochRecord"/> per epoch and, at the end, the test-set <see cref="ClassificationResults"/>.
/// <see cref="HtmlReportWriter"/> turns it into a single self-contained HTML file.
/// </summary>
/// <example>
/// <code>
/// var report = new TrainingReport("MNIST, 784-100-10", MnistMlp.Spec)
///     .AddHyperparameter("data set", "MNIST")
///     .AddHyperparameter("learning rate", 0.2f);
/// HtmlReportWriter.EnsureWritable("report.html");   // fail before epoch 1, not after the last
/// ...
/// report.AddEpoch(trainEvaluation, testEvaluation, stopwatch.Elapsed);
/// ...
/// report.TestResults = ClassificationResults.Evaluate(network, test);
/// HtmlReportWriter.Write(report, "report.html");
/// </code>
/// </example>
public sealed class TrainingReport
{
    private readonly List<KeyValuePair<string, string>> _hyperparameters = [];
    private readonly List<EpochRecord> _epochs = [];
    private ClassificationResults? _testResults;
    private IReadOnlyList<string>? _classNames;

    /// <summary>Starts an empty report.</summary>
    /// <param name="title">The report's heading, e.g. <c>"MNIST, 784-100-10"</c>.</param>
    /// <param name="spec">The trained network's declaration (a generated class's <c>Spec</c>).</param>
    public TrainingReport(string title, NetworkSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(spec);
        Title = title;
        Spec = spec;
        Hyperparameters = new ReadOnlyCollection<KeyValuePair<string, string>>(_hyperparameters);
        Epochs = new ReadOnlyCollection<EpochRecord>(_epochs);
    }

    /// <summary>The report's heading.</summary>
    public string Title { get; }

    /// <summary>The network's declaration: its one-line description, parameter count and layers.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The hyper-parameters as name and value text, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters { get; }

    /// <summary>The epochs recorded so far, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>Whether any epoch carries per-layer gradient norms (the report then draws their chart).</summary>
    public bool HasGradientNorms => _epochs.Exists(e => e.GradientNorms is not null);

    /// <summary>The classifier's results on the test set, or <see langword="null"/> before they are known.</summary>
    /// <exception cref="ArgumentException">The matrix has a different number of classes than the network has outputs.</exception>
    public ClassificationResults? TestResults
    {
        get => _testResults;
        set
        {
            if (value is not null && value.Confusion.Classes != Spec.OutputSize)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"The results have {value.Confusion.Classes} classes but the network has {Spec.OutputSize} outputs."),
                    nameof(value));
            _testResults = value;
        }
    }

    /// <summary>
    /// Optional names of the classes (e.g. Fashion-MNIST's <c>"T-shirt/top"</c>, <c>"Trouser"</c>, ...), one per
    /// network output; <see langword="null"/> shows class numbers, as for MNIST digits.
    /// </summary>
    /// <exception cref="ArgumentException">The count is not the network's output size, or a name is blank.</exception>
    public IReadOnlyList<string>? ClassNames
    {
        get => _classNames;
        set
        {
            if (value is not null)
            {
                if (value.Count != Spec.OutputSize)
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"{value.Count} class names for a network with {Spec.OutputSize} outputs."),
                        nameof(value));
                var copy = new string[value.Count];
                for (int i = 0; i < copy.Length; i++)
                {
                    if (string.IsNullOrWhiteSpace(value[i]))
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Class name {i} is blank."), nameof(value));
                    copy[i] = value[i];
                }

                value = Array.AsReadOnly(copy);
            }

            _classNames = value;
        }
    }

    /// <summary>Adds a hyper-parameter, or replaces the value of one with the same name.</summary>
    /// <param name="name">The name, e.g. <c>"learning rate"</c>.</param>
    /// <param name="value">The value as it should be shown.</param>
    /// <returns>This report, to chain calls.</returns>
    public TrainingReport AddHyperparameter(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        int existing = _hyperparameters.FindIndex(p => p.Key == name);
        var pair = new KeyValuePair<string, string>(name, value);
        if (existing >= 0) _hyperparameters[existing] = pair;
        else _hyperparameters.Add(pair);
        return this;
    }

    /// <summary>
    /// Adds a hyper-parameter given as a number (or any formattable value), formatted with the invariant culture:
    /// <c>0.2f</c> shows as <c>0.2</c> whatever the machine's culture.
    /// </summary>
    /// <param name="name">The name, e.g. <c>"batch size"</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>This report, to chain calls.</returns>
    public TrainingReport AddHyperparameter(string name, IFormattable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return AddHyperparameter(name, value.ToString(null, CultureInfo.InvariantCulture));
    }

    /// <summary>Records an epoch.</summary>
    /// <param name="record">The epoch; its number must be above the last one recorded.</param>
    /// <returns>The record as stored (with its gradient norms copied).</returns>
    /// <exception cref="ArgumentException">The epoch number does not increase, the time is negative, or the gradient norms are not one per layer.</exception>
    public EpochRecord AddEpoch(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Epoch < 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Epoch {record.Epoch} is negative."), nameof(record));
        if (_epochs.Count > 0 && record.Epoch <= _epochs[^1].Epoch)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Epoch {record.Epoch} comes after epoch {_epochs[^1].Epoch}; epoch numbers must increase."),
                nameof(record));
        if (record.Seconds < 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Epoch {record.Epoch} took a negative time ({record.Seconds} s)."), nameof(record));
        if (record.GradientNorms is { } norms)
        {
            if (norms.Count != Spec.Layers.Count)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Epoch {record.Epoch} has {norms.Count} gradient norms; the network has {Spec.Layers.Count} layers (one norm per layer)."),
                    nameof(record));
            var copy = new double[norms.Count];
            for (int i = 0; i < copy.Length; i++) copy[i] = norms[i];
            record = record with { GradientNorms = Array.AsReadOnly(copy) };
        }

        _epochs.Add(record);
        return record;
    }

    /// <summary>Records the next epoch (numbered one after the last) from evaluations on the two sets.</summary>
    /// <param name="train">Loss and error rate on the training set after the epoch.</param>
    /// <param name="test">Loss and error rate on the test set after the epoch.</param>
    /// <param name="elapsed">How long the epoch took.</param>
    /// <param name="gradientNorms">Optionally, one gradient norm per layer (see <see cref="GradientNorms"/>).</param>
    /// <returns>The record as stored.</returns>
    public EpochRecord AddEpoch(Evaluation train, Evaluation test, TimeSpan elapsed, IReadOnlyList<double>? gradientNorms = null)
    {
        int epoch = _epochs.Count == 0 ? 1 : _epochs[^1].Epoch + 1;
        return AddEpoch(new EpochRecord(epoch, train.MeanLoss, train.ErrorRate, test.MeanLoss, test.ErrorRate, elapsed.TotalSeconds)
        {
            GradientNorms = gradientNorms,
        });
    }
}
