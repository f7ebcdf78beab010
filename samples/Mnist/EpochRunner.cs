using System;
using NetGen.Data;
using NetGen.Training;
using Spectre.Console;

namespace NetGen.Samples.Mnist;

/// <summary>
/// Trains one epoch, in chunks of whole batches so that a progress bar can move; chunking changes nothing, since
/// <c>TrainEpoch</c> takes rows in order and every chunk but the last is a multiple of the batch size.
/// </summary>
internal sealed class EpochRunner
{
    private readonly IClassifier _network;
    private readonly ImageDataSet _train;
    private readonly float _learningRate;
    private readonly int _batch;
    private readonly int _chunkRows;
    private readonly IAnsiConsole? _progressConsole;
    private readonly GradientHealth? _health;
    private readonly int _threads;

    /// <summary>With <paramref name="health"/>, every chunk records into it (<c>--diagnostics</c>); the caller resets it per epoch.</summary>
    public EpochRunner(IClassifier network, ImageDataSet train, float learningRate, int batch, GradientHealth? health = null, int threads = 1)
    {
        _network = network;
        _threads = threads;
        _health = health;
        _train = train;
        _learningRate = learningRate;
        _batch = batch;
        _chunkRows = Math.Max(1, 2_000 / batch) * batch;

        // A progress bar only where a person watches: stderr is a terminal and we are not in CI.
        if (!Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null)
            _progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }

    /// <summary>Runs epoch <paramref name="epoch"/> and returns its mean training loss over all rows.</summary>
    public EpochResult Run(int epoch)
    {
        if (_progressConsole is null)
            return TrainRows(0, _train.Count);

        EpochResult result = default;
        _progressConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask($"epoch {epoch}", maxValue: _train.Count);
                result = TrainChunks(rows => task.Increment(rows));
            });
        return result;
    }

    private EpochResult TrainChunks(Action<int> progress)
    {
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < _train.Count; start += _chunkRows)
        {
            int rows = Math.Min(_chunkRows, _train.Count - start);
            EpochResult chunk = TrainRows(start, rows);
            lossSum += chunk.MeanLoss * chunk.Count;
            batches += chunk.Batches;
            progress(rows);
        }

        return new EpochResult(lossSum / _train.Count, _train.Count, batches);
    }

    private EpochResult TrainRows(int start, int rows)
    {
        ReadOnlySpan<float> images = _train.Images.AsSpan(start * _train.ImageSize, rows * _train.ImageSize);
        ReadOnlySpan<byte> labels = _train.Labels.AsSpan(start, rows);
        return _health is null
            ? _network.TrainEpoch(images, labels, rows, _learningRate, _batch, _threads)
            : _network.TrainEpoch(images, labels, rows, _learningRate, _batch, _health);
    }
}
