using System;
using System.Globalization;
using System.Numerics;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;

namespace NetGen.IntegrationTests.Children;

/// <summary>
/// The entry point of this test assembly when a test starts it as a child process (<c>dotnet
/// NetGen.IntegrationTests.dll &lt;mode&gt;</c>) under environment variables that the test process itself cannot
/// change, such as the width of <see cref="Vector{T}"/> or the JIT's logging.
/// </summary>
public static class ChildProgram
{
    /// <summary>Compares every declared network with the interpreter; the argument is the expected <c>Vector&lt;float&gt;.Count</c>.</summary>
    public const string CompareMode = "compare";

    /// <summary>Runs every entry point of the 784-400-10 network, for the JIT's method summary.</summary>
    public const string ExerciseMode = "exercise";

    /// <summary>Exit code: the comparison failed.</summary>
    public const int Mismatch = 1;

    /// <summary>Exit code: the machine does not give the vector width asked for.</summary>
    public const int WrongWidth = 2;

    /// <summary>Exit code: bad command line.</summary>
    public const int Usage = 3;

    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == CompareMode && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int lanes))
            return Compare(lanes);
        if (args.Length == 1 && args[0] == ExerciseMode)
            return Exercise();
        Console.Error.WriteLine($"usage: {CompareMode} <expected Vector<float>.Count> | {ExerciseMode}");
        return Usage;
    }

    private static int Compare(int expectedLanes)
    {
        Console.WriteLine($"Vector<float>.Count={Vector<float>.Count}");
        if (Vector<float>.Count != expectedLanes)
        {
            Console.WriteLine(
                $"This machine gives Vector<float>.Count = {Vector<float>.Count}, not {expectedLanes}, under DOTNET_MaxVectorTBitWidth="
                + $"'{Environment.GetEnvironmentVariable("DOTNET_MaxVectorTBitWidth")}' and DOTNET_PreferredVectorBitWidth="
                + $"'{Environment.GetEnvironmentVariable("DOTNET_PreferredVectorBitWidth")}' (Vector512 hardware accelerated: "
                + $"{System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}); the comparison at this width cannot run here.");
            return WrongWidth;
        }

        int cases = 0;
        try
        {
            foreach (object[] item in NetworkBank.Cases())
            {
                string name = (string)item[0];
                int batchSize = (int)item[1];
                new ReferenceCheck(NetworkBank.Create(name), batchSize, seed: name.Length * 1000 + batchSize, ErrorLog.Process, name).Run();
                new HessianCheck(NetworkBank.Create(name), batchSize, seed: name.Length * 977 + batchSize, ErrorLog.Process, name).Run();
                cases++;
            }
        }
        catch (Exception failure)
        {
            Console.WriteLine(failure.Message);
            return Mismatch;
        }

        Console.WriteLine($"cases={cases}");
        Console.Write(ErrorLog.Process.ToString());
        return 0;
    }

    private static int Exercise()
    {
        var network = new MnistMlp400();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp400.Spec, 250, new Random(1));
        ReadOnlySpan<float> batch = data.Inputs.AsSpan(0, 100 * MnistMlp400.InputSize);
        float[] outputs = new float[100 * MnistMlp400.OutputSize];
        float[] inputGradients = new float[batch.Length];
        int[] classes = new int[data.Rows];

        network.Forward(batch, outputs, 100);
        network.Forward(batch[..(3 * MnistMlp400.InputSize)], outputs.AsSpan(0, 3 * MnistMlp400.OutputSize), 3);
        network.Backward(batch, data.Labels.AsSpan(0, 100), 100);
        network.Backward(batch, data.ByteLabels.AsSpan(0, 100), 100);
        network.InputGradient(batch, data.Labels.AsSpan(0, 100), 100, inputGradients);
        network.ApplySgd(0.01f);
        network.TrainBatch(batch, data.Labels.AsSpan(0, 100), 100, 0.01f);
        network.TrainBatch(batch, data.ByteLabels.AsSpan(0, 100), 100, 0.01f);
        EpochResult epoch = network.TrainEpoch(data.Inputs, data.ByteLabels, data.Rows, 0.01f, 100);
        network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.01f, 100);
        Evaluation evaluation = network.Evaluate(data.Inputs, data.ByteLabels, data.Rows);
        network.Evaluate(data.Inputs, data.Labels, data.Rows);
        network.Predict(data.Inputs, classes, data.Rows);
        float[] v = new float[MnistMlp400.ParameterCount];
        network.HessianVectorProduct(batch, data.Labels.AsSpan(0, 100), 100, v, v);
        network.HessianVectorProduct(batch, data.ByteLabels.AsSpan(0, 100), 100, v, v);
        var health = new NetGen.Training.GradientHealth(MnistMlp400.Spec);
        network.TrainEpoch(data.Inputs, data.ByteLabels, data.Rows, 0.01f, 100, health);
        network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.01f, 100, health);
        Console.WriteLine($"epoch loss {epoch.MeanLoss}, evaluation loss {evaluation.MeanLoss}");
        return 0;
    }
}
