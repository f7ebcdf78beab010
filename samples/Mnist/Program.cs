using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Checkpoints;
using NetGen.Data;
using NetGen.Distributed;
using NetGen.Reporting;
using NetGen.Samples.Mnist;
using NetGen.Training;

// The MNIST sample: trains a network declared with NetGen attributes (Networks.cs) and prints the course's table.
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(SampleOptions.Usage);
    return 0;
}

try
{
    // Under mpirun (or with --distributed) every rank runs Run; MpiProgram aborts the job if one of them throws.
    if (options.Distributed || MpiEnvironment.IsLaunchedByMpi())
        return MpiProgram.Run(world => Run(options, world));
    return Run(options, world: null);
}
catch (MpiUnavailableException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}
catch (Exception error) when (error is InvalidDataException or IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

static int Run(SampleOptions options, MpiCommunicator? world)
{
    if (world is not null && (options.Diagnostics || options.Threads > 1))
        throw new ArgumentException("--diagnostics and --threads are for one process; with --distributed each rank trains on one thread.");

    // Rank 0 prints, saves and reports; the other ranks only train their shares.
    bool root = world is null || world.IsRoot;
    if (!root)
        Console.SetOut(TextWriter.Null);

    // Fail on a bad output path now, not after twenty epochs.
    if (root && options.ReportPath is not null)
        HtmlReportWriter.EnsureWritable(options.ReportPath);
    if (root && options.SavePath is not null)
        HtmlReportWriter.EnsureWritable(options.SavePath);

    string folder = DataLocator.Locate(options);
    ImageDataSet train = ImageDataSet.LoadTrain(folder);
    ImageDataSet test = ImageDataSet.LoadTest(folder);
    if (options.Limit is int limit)
    {
        train = train.Take(limit);
        test = test.Take(limit);
    }

    IClassifier network = options.Model switch
    {
        "softmax" => new SoftmaxRegression(),
        "mlp100" => new Mlp100(),
        _ => new Mlp400(),
    };
    network.Initialize(options.Seed);
    if (options.LoadPath is not null)
    {
        NetworkCheckpoint.Load(network, options.LoadPath);
        Console.WriteLine($"Loaded the parameters from {options.LoadPath}.");
    }

    // --distributed: every rank starts from rank 0's parameters; each global batch is shared out by rank.
    DataParallelTrainer<byte>? trainer = world is null ? null : new DataParallelTrainer<byte>(network, world);
    trainer?.BroadcastParameters();

    var report = new TrainingReport($"NetGen {options.Model} on {options.Dataset}", network.Spec)
        .AddHyperparameter("data set", $"{options.Dataset}: {train.Count} train, {test.Count} test")
        .AddHyperparameter("epochs", options.Epochs)
        .AddHyperparameter("learning rate", options.LearningRate)
        .AddHyperparameter("batch size", options.Batch)
        .AddHyperparameter("seed", options.Seed);

    CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
    Console.WriteLine($"NetGen {options.Model}: {network.Spec}");
    Console.WriteLine($"{options.Dataset}: {train.Count} training and {test.Count} test images from {folder}; lr {options.LearningRate}, batch {options.Batch}, {options.Epochs} epochs, seed {options.Seed}");
    if (world is not null)
        Console.WriteLine($"Data-parallel over {world.Size} MPI processes: each batch of {options.Batch} shared out by rank, one allreduce of the gradients per step.");
    else if (options.Threads > 1)
        Console.WriteLine($"On {options.Threads} threads.");
    Console.WriteLine();
    Console.WriteLine("| Epoch | Train Loss | Train Err | Test Loss | Test Err |  Time (s) |");
    Console.WriteLine("|-------|------------|-----------|-----------|----------|-----------|");

    // --diagnostics: one GradientHealth, reset at each epoch, filled by the unfused TrainEpoch.
    GradientHealth? health = options.Diagnostics ? new GradientHealth(network.Spec) : null;
    if (health is not null)
        report.AddHyperparameter("gradient norms", "mean |dL/dW| per layer over each epoch's batches (--diagnostics)");
    var runner = new EpochRunner(network, train, options.LearningRate, options.Batch, health, options.Threads);
    TimeSpan trainingTime = TimeSpan.Zero, lastEpochAllreduce = TimeSpan.Zero;
    for (int epoch = 0; epoch < options.Epochs; epoch++)
    {
        health?.Reset();
        long started = Stopwatch.GetTimestamp();
        TimeSpan allreduceBefore = trainer?.AllreduceTime ?? TimeSpan.Zero;
        if (trainer is null)
            runner.Run(epoch);
        else
            trainer.TrainEpoch(train.Images, train.Labels, train.Count, options.LearningRate, options.Batch);
        lastEpochAllreduce = (trainer?.AllreduceTime ?? TimeSpan.Zero) - allreduceBefore;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        trainingTime += elapsed;

        // As the course's loss_err: the loss and error of the whole split after the epoch (sharded by rank when distributed).
        Evaluation onTrain = trainer?.Evaluate(train.Images, train.Labels, train.Count) ?? network.Evaluate(train.Images, train.Labels, train.Count);
        Evaluation onTest = trainer?.Evaluate(test.Images, test.Labels, test.Count) ?? network.Evaluate(test.Images, test.Labels, test.Count);
        report.AddEpoch(onTrain, onTest, elapsed, health?.GetMeanWeightGradientNorms());
        Console.WriteLine($"|  {epoch,4} |    {onTrain.MeanLoss:F5} |   {onTrain.ErrorRate:F5} |   {onTest.MeanLoss:F5} |  {onTest.ErrorRate:F5} | {elapsed.TotalSeconds,9:F3} |");
        if (health is not null)
        {
            // Indented under the epoch's row, so the course's table still reads (and parses) as one table.
            foreach (string line in health.ToString().TrimEnd('\n').Split('\n'))
                Console.WriteLine("    " + line);
        }
    }

    if (root && options.SavePath is not null)
    {
        NetworkCheckpoint.Save(network, options.SavePath);
        Console.WriteLine($"Saved the parameters to {options.SavePath} (numpy: np.load(path)['W1']).");
    }

    if (root && options.ReportPath is not null)
    {
        report.TestResults = ClassificationResults.Evaluate(network, test);
        HtmlReportWriter.Write(report, options.ReportPath);
        Console.WriteLine($"Wrote the report to {options.ReportPath}.");
    }

    double examples = (double)train.Count * options.Epochs;
    Console.WriteLine();
    Console.WriteLine($"Trained {options.Epochs} epochs in {trainingTime.TotalSeconds:F2} s: {examples / Math.Max(trainingTime.TotalSeconds, 1e-9):N0} examples per second.");
    if (trainer is not null)
        Console.WriteLine($"Rank 0 spent {trainer.AllreduceTime.TotalSeconds:F2} s of it in the gradients' allreduce ({trainer.Steps} steps; {lastEpochAllreduce.TotalSeconds:F3} s in the last epoch).");
    return 0;
}
