using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Samples.Mnist;

/// <summary>The sample's command line. Defaults reproduce the course's published run.</summary>
internal sealed class SampleOptions
{
    public string Model { get; private set; } = "mlp400";

    public int Epochs { get; private set; } = 20;

    public float LearningRate { get; private set; } = 0.2f;

    public int Batch { get; private set; } = 100;

    public ulong Seed { get; private set; }

    public int? Limit { get; private set; }

    public string Dataset { get; private set; } = "mnist";

    public string? DataDirectory { get; private set; }

    public string? SavePath { get; private set; }

    public string? LoadPath { get; private set; }

    public string? ReportPath { get; private set; }

    public bool Diagnostics { get; private set; }

    public bool Distributed { get; private set; }

    public int Threads { get; private set; } = 1;

    public bool Help { get; private set; }

    public const string Usage = """
        Usage: dotnet run --project samples/Mnist -c Release -- [options]

        Trains a network declared with NetGen on MNIST and prints the course's table.

          --model M      softmax (784-10), mlp100 (784-100-10) or mlp400 (784-400-10; default)
          --epochs N     epochs to train (default 20)
          --lr X         learning rate (default 0.2)
          --batch N      rows per SGD step, 1..1000 (default 100)
          --seed N       initialization seed (default 0)
          --limit N      use only the first N rows of each split (quick runs)
          --dataset D    mnist (default) or fashion (Fashion-MNIST)
          --data DIR     folder holding the four IDX files (default: data/mnist or data/fashion,
                         fetched and verified by data/fetch-mnist.sh when missing; also $MNIST_DIR)
          --load PATH    start from the parameters in a NetGen/numpy .npz checkpoint (W1, W2, ...)
          --save PATH    save the trained parameters as .npz (atomically) after the last epoch
          --report PATH  write a self-contained HTML report (curves, confusion matrix, misclassified digits)
          --diagnostics  after each epoch, print each layer's mean weight-gradient norm, its dead ReLU units
                         and any vanishing/exploding warning (trains with the unfused steps; fills the
                         report's gradient-norm chart)
          --threads N    train each epoch on N threads (default 1; bit-identical results for any N)
          --distributed  data-parallel over the processes of an MPI job: run under
                         'mpirun -np N dotnet NetGen.Samples.Mnist.dll --distributed ...' (Open MPI;
                         on by itself when mpirun started the process); rank 0 prints and saves
          -h, --help     this text
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                    throw new ArgumentException($"{name} needs a value.");
                return args[++i];
            }

            switch (name)
            {
                case "-h" or "--help":
                    options.Help = true;
                    break;
                case "--model":
                    options.Model = Value().ToLowerInvariant();
                    if (options.Model is not ("softmax" or "mlp100" or "mlp400"))
                        throw new ArgumentException($"--model must be softmax, mlp100 or mlp400, not '{options.Model}'.");
                    break;
                case "--epochs":
                    options.Epochs = PositiveInt(name, Value(), allowZero: true);
                    break;
                case "--lr":
                    string text = Value();
                    if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float lr) || !float.IsFinite(lr) || lr <= 0)
                        throw new ArgumentException($"--lr must be a positive number, not '{text}'.");
                    options.LearningRate = lr;
                    break;
                case "--batch":
                    options.Batch = PositiveInt(name, Value(), allowZero: false);
                    if (options.Batch > 1000)
                        throw new ArgumentException($"--batch must be from 1 to 1000 (the sample networks' MaxBatch), not {options.Batch}.");
                    break;
                case "--seed":
                    string seed = Value();
                    if (!ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s))
                        throw new ArgumentException($"--seed must be a non-negative integer, not '{seed}'.");
                    options.Seed = s;
                    break;
                case "--limit":
                    options.Limit = PositiveInt(name, Value(), allowZero: false);
                    break;
                case "--dataset":
                    options.Dataset = Value().ToLowerInvariant();
                    if (options.Dataset is not ("mnist" or "fashion"))
                        throw new ArgumentException($"--dataset must be mnist or fashion, not '{options.Dataset}'.");
                    break;
                case "--data":
                    options.DataDirectory = Value();
                    break;
                case "--save":
                    options.SavePath = Value();
                    break;
                case "--load":
                    options.LoadPath = Value();
                    break;
                case "--report":
                    options.ReportPath = Value();
                    break;
                case "--diagnostics":
                    options.Diagnostics = true;
                    break;
                case "--distributed":
                    options.Distributed = true;
                    break;
                case "--threads":
                    options.Threads = PositiveInt(name, Value(), allowZero: false);
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'. Run with --help for the options.");
            }
        }

        return options;
    }

    private static int PositiveInt(string name, string text, bool allowZero)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || (!allowZero && value == 0))
            throw new ArgumentException($"{name} must be a {(allowZero ? "non-negative" : "positive")} integer, not '{text}'.");
        return value;
    }
}
