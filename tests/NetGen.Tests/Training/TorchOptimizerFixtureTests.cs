using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Reference;
using NetGen.Specification;
using NetGen.Training;
using Xunit.Abstractions;

namespace NetGen.Tests.Training;

/// <summary>
/// The reference optimizers and the learning-rate schedules against what PyTorch 1.13 computed (Debian's
/// <c>python3-torch</c>, run by <c>Fixtures/make_optimizer_fixtures.py</c>; torch is not needed here): ten steps of
/// every <c>torch.optim</c> configuration on a 3-4-3 Tanh network in float64, and twenty epochs of every scheduler.
/// </summary>
public sealed class TorchOptimizerFixtureTests(ITestOutputHelper output)
{
    /// <summary>
    /// Both sides compute in double; they differ only in the order of the sums in the gradient (a few units in the last
    /// place), which ten steps carry along without amplifying much. Worst measured: 1.2e-15 (AdamW with decay 0.5).
    /// </summary>
    private const double TrajectoryTolerance = 1e-13;

    private const double RateTolerance = 1e-15;

    private static readonly Lazy<JsonDocument> Fixture = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Training", "Fixtures", "optimizers.json");
        Assert.True(File.Exists(path), $"Fixture {path} is missing; is Training/Fixtures/** copied to the output folder?");
        return JsonDocument.Parse(File.ReadAllText(path));
    });

    public static TheoryData<string> Trajectories()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement t in Fixture.Value.RootElement.GetProperty("trajectories").EnumerateArray())
            data.Add(t.GetProperty("name").GetString()!);
        return data;
    }

    public static TheoryData<string> Schedules()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement t in Fixture.Value.RootElement.GetProperty("schedules").EnumerateArray())
            data.Add(t.GetProperty("name").GetString()!);
        return data;
    }

    [Fact]
    public void Fixture_CoversEveryOptimizer()
    {
        string[] kinds = Fixture.Value.RootElement.GetProperty("trajectories").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Superset(new HashSet<string> { "sgd", "sgd_weight_decay", "momentum", "nesterov", "adam", "adam_weight_decay", "adamw" }, kinds.ToHashSet());
    }

    [Fact]
    public void Network_IsTorchs_SameLossAtTheStart()
    {
        (ReferenceNetwork network, double[] x, int[] labels) = Network();
        double expected = Fixture.Value.RootElement.GetProperty("initial_loss").GetDouble();
        Assert.Equal(expected, network.Loss(x, labels, labels.Length), 14);
    }

    [Theory]
    [MemberData(nameof(Trajectories))]
    public void Optimizer_FollowsTorchsTrajectory_ForTenSteps(string name)
    {
        JsonElement trajectory = Fixture.Value.RootElement.GetProperty("trajectories").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        (ReferenceNetwork network, double[] x, int[] labels) = Network();
        ReferenceOptimizer optimizer = Create(trajectory.GetProperty("settings"), network.Spec.ParameterCount);

        double worst = 0;
        int step = 0;
        foreach (JsonElement expectedStep in trajectory.GetProperty("steps").EnumerateArray())
        {
            step++;
            network.Backward(x, labels, labels.Length);
            optimizer.Step(network.Parameters, network.Gradients);
            double[] expected = Doubles(expectedStep);
            Assert.Equal(expected.Length, network.Parameters.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(network.Parameters[i] - expected[i]) / Math.Max(1, Math.Abs(expected[i]));
                worst = Math.Max(worst, error);
                Assert.True(error <= TrajectoryTolerance, $"{name}, step {step}, parameter {i}: {network.Parameters[i]:R} vs torch {expected[i]:R} (error {error:E2})");
            }
        }

        Assert.Equal(10, step);
        Assert.Equal(10, optimizer.Steps);
        output.WriteLine($"{name}: worst relative error over 10 steps {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Schedule_GivesTorchsRates(string name)
    {
        JsonElement schedule = Fixture.Value.RootElement.GetProperty("schedules").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);
        JsonElement s = schedule.GetProperty("settings");
        double lr = s.GetProperty("lr").GetDouble();
        LearningRateSchedule rates = s.GetProperty("kind").GetString() switch
        {
            "step" => new StepSchedule(lr, s.GetProperty("step_size").GetInt32(), s.GetProperty("gamma").GetDouble()),
            "cosine" => new CosineSchedule(lr, s.GetProperty("t_max").GetInt32(), s.GetProperty("eta_min").GetDouble()),
            "linear" => new LinearWarmupSchedule(lr, s.GetProperty("total_iters").GetInt32(), s.GetProperty("start_factor").GetDouble(), s.GetProperty("end_factor").GetDouble()),
            var other => throw new InvalidOperationException("Unknown schedule " + other),
        };

        double[] expected = Doubles(schedule.GetProperty("rates"));
        Assert.Equal(20, expected.Length);
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            double error = Math.Abs(rates.At(epoch) - expected[epoch]);
            Assert.True(error <= RateTolerance * Math.Max(1, expected[epoch]), $"{name}, epoch {epoch}: {rates.At(epoch):R} vs torch {expected[epoch]:R}");
        }
    }

    private static ReferenceOptimizer Create(JsonElement settings, int parameterCount)
    {
        double Get(string key, double fallback) => settings.TryGetProperty(key, out JsonElement v) ? v.GetDouble() : fallback;
        double lr = Get("lr", double.NaN);
        return settings.GetProperty("kind").GetString() switch
        {
            "sgd" => new ReferenceSgd(parameterCount, lr, Get("momentum", 0), Get("dampening", 0), settings.TryGetProperty("nesterov", out JsonElement n) && n.GetBoolean(), Get("weight_decay", 0)),
            "adam" => new ReferenceAdam(parameterCount, lr, Get("beta1", 0.9), Get("beta2", 0.999), Get("eps", 1e-8), Get("weight_decay", 0)),
            "adamw" => ReferenceAdam.AdamW(parameterCount, lr, Get("weight_decay", 0.01), Get("beta1", 0.9), Get("beta2", 0.999), Get("eps", 1e-8)),
            var other => throw new InvalidOperationException("Unknown optimizer " + other),
        };
    }

    private static (ReferenceNetwork Network, double[] X, int[] Labels) Network()
    {
        JsonElement root = Fixture.Value.RootElement;
        JsonElement shape = root.GetProperty("network");
        var spec = new NetworkSpec(
            shape.GetProperty("inputs").GetInt32(),
            [new LayerDeclaration(shape.GetProperty("hidden").GetInt32(), Activation.Tanh), new LayerDeclaration(shape.GetProperty("classes").GetInt32())],
            Loss.SoftmaxCrossEntropy,
            Reduction.Mean,
            maxBatch: shape.GetProperty("rows").GetInt32());
        var network = new ReferenceNetwork(spec);
        Doubles(root.GetProperty("start")).CopyTo(network.Parameters);
        return (network, Doubles(root.GetProperty("x")), root.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray());
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
