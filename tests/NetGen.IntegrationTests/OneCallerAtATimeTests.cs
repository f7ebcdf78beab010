using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Training;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// One instance, one caller at a time, enforced: a second thread calling into an instance while a call is running gets
/// an <see cref="InvalidOperationException"/> that says what to do instead, before anything is written; the first call
/// is undisturbed (its outputs right, no spurious divergence, no NaN), and nothing hangs.
/// </summary>
[Collection(nameof(WorkerThreadsCollection))]
public sealed class OneCallerAtATimeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void TwoThreadsTrainingEpochsOnOneInstance_OneIsRefused_AndNothingHangs(int degreeOfParallelism)
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 1000, new Random(5));
        var calls = new Calls();

        RunTogether(calls, 2, _ =>
        {
            EpochResult result = network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e-3f, 100, degreeOfParallelism);
            Assert.True(double.IsFinite(result.MeanLoss));
        });

        output.WriteLine(calls.ToString());
        calls.AssertSomeRefused();
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void TwoThreadsTrainingBatchesOnOneInstance_NeverDivergeNorCorruptTheParameters()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 100, new Random(6));
        var calls = new Calls();

        RunTogether(calls, 2, _ => network.TrainBatch(data.Inputs, data.Labels, 100, 1e-3f));

        output.WriteLine(calls.ToString());
        calls.AssertSomeRefused(); // and no TrainingDivergedException: RunTogether lets only the refusal through
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void ConcurrentForwardCalls_AreEachRightOrRefused_AndARefusedCallWritesNothing()
    {
        var network = new MnistMlp();
        network.Initialize(2);
        Batch data = Batch.Draw(MnistMlp.Spec, 100, new Random(7));
        float[] expected = new float[100 * MnistMlp.OutputSize];
        network.Forward(data.Inputs, expected, 100);
        var calls = new Calls();

        RunTogether(calls, 2, _ =>
        {
            float[] outputs = new float[expected.Length];
            Array.Fill(outputs, 12345f);
            try
            {
                network.Forward(data.Inputs, outputs, 100);
            }
            catch (InvalidOperationException)
            {
                Assert.All(outputs, o => Assert.Equal(12345f, o));
                throw;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(outputs[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                    Assert.Fail($"output {i} of a concurrent Forward is {outputs[i]}, alone {expected[i]}");
            }
        });

        output.WriteLine(calls.ToString());
        calls.AssertSomeRefused();
    }

    [Fact]
    public void EveryEntryPoint_IsRefusedWhileAnotherCallRuns_WithAMessageThatSaysWhatToDo()
    {
        var network = new MnistMlp();
        network.Initialize(3);
        Batch big = Batch.Draw(MnistMlp.Spec, 20_000, new Random(8));
        Batch small = Batch.Draw(MnistMlp.Spec, 10, new Random(9));
        float[] outputs = new float[10 * MnistMlp.OutputSize], inputGradients = new float[10 * 784];
        float[] v = new float[MnistMlp.ParameterCount], hv = new float[MnistMlp.ParameterCount];
        int[] predictions = new int[10];
        var health = new GradientHealth(MnistMlp.Spec);
        (string Name, Action Call)[] entryPoints =
        [
            ("Initialize", () => network.Initialize(4)),
            ("Forward", () => network.Forward(small.Inputs, outputs, 10)),
            ("Predict", () => network.Predict(small.Inputs, predictions, 10)),
            ("Evaluate", () => network.Evaluate(small.Inputs, small.Labels, 10)),
            ("Backward", () => network.Backward(small.Inputs, small.Labels, 10)),
            ("InputGradient", () => network.InputGradient(small.Inputs, small.Labels, 10, inputGradients)),
            ("ApplySgd", () => network.ApplySgd(1e-3f)),
            ("TrainBatch", () => network.TrainBatch(small.Inputs, small.Labels, 10, 1e-3f)),
            ("TrainEpoch", () => network.TrainEpoch(small.Inputs, small.Labels, 10, 1e-3f, 5)),
            ("TrainEpoch", () => network.TrainEpoch(small.Inputs, small.ByteLabels, 10, 1e-3f, 5, 2)),
            ("TrainEpoch", () => network.TrainEpoch(small.Inputs, small.ByteLabels, 10, 1e-3f, 5, health)),
            ("HessianVectorProduct", () => network.HessianVectorProduct(small.Inputs, small.Labels, 10, v, hv)),
        ];

        // A long Evaluate holds the instance; each entry point is called from this thread meanwhile (Evaluate is
        // started again until every entry point has been refused once).
        var refused = new bool[entryPoints.Length];
        var clock = Stopwatch.StartNew();
        while (!refused.All(r => r) && clock.Elapsed < Patience)
        {
            using var started = new ManualResetEventSlim();
            var holder = new Thread(() =>
            {
                started.Set();
                network.Evaluate(big.Inputs, big.Labels, big.Rows);
            });
            holder.Start();
            started.Wait();
            while (holder.IsAlive)
            {
                for (int i = 0; i < entryPoints.Length; i++)
                {
                    if (refused[i] || !holder.IsAlive)
                        continue;
                    try
                    {
                        entryPoints[i].Call();
                    }
                    catch (InvalidOperationException error)
                    {
                        refused[i] = true;
                        Assert.Equal(
                            $"MnistMlp.{entryPoints[i].Name} was called while another call on the same MnistMlp instance is running on another thread; nothing was written. " +
                            "A network instance serves one caller at a time: give each thread its own instance, or train one instance on several threads with TrainEpoch(..., degreeOfParallelism).",
                            error.Message);
                    }
                }
            }

            Assert.True(holder.Join(Patience), "Evaluate did not return.");
        }

        Assert.True(refused.All(r => r), "never refused: " + string.Join(", ", entryPoints.Where((_, i) => !refused[i]).Select(e => e.Name)));
    }

    [Fact]
    public void CallsOneAfterAnother_FromDifferentThreads_AreAllAdmitted()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 10, new Random(10));
        for (int i = 0; i < 200; i++)
        {
            Exception? error = null;
            var other = new Thread(() => error = Record.Exception(() => network.TrainBatch(data.Inputs, data.Labels, 10, 1e-3f)));
            other.Start();
            Assert.True(other.Join(Patience));
            Assert.Null(error);
            network.TrainBatch(data.Inputs, data.Labels, 10, 1e-3f);
        }

        // A call that throws inside the gate (here an argument check) lets the next caller in too:
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch(data.Inputs, data.Labels, 10, float.NaN));
        network.TrainBatch(data.Inputs, data.Labels, 10, 1e-3f);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on <paramref name="threads"/> threads at once, over and over, until some call was
    /// refused (and at least 50 calls each) or 10 seconds have passed; every call must return or be refused, and all must
    /// be over within <see cref="Patience"/>.
    /// </summary>
    private static void RunTogether(Calls calls, int threads, Action<int> call)
    {
        using var go = new Barrier(threads);
        var clock = Stopwatch.StartNew();
        Task[] tasks = Enumerable.Range(0, threads).Select(thread => Task.Factory.StartNew(() =>
        {
            go.SignalAndWait();
            for (int n = 0; n < 50 || (calls.Refused == 0 && clock.Elapsed < TimeSpan.FromSeconds(10)); n++)
            {
                try
                {
                    call(thread);
                    calls.Completed();
                }
                catch (InvalidOperationException error) when (error.Message.Contains("one caller at a time", StringComparison.Ordinal))
                {
                    calls.Refuse();
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        Assert.True(Task.WaitAll(tasks, Patience), $"calls from {threads} threads on one instance did not finish within {Patience.TotalSeconds} s: {calls}");
    }

    private sealed class Calls
    {
        private int _completed, _refused;

        public int Refused => Volatile.Read(ref _refused);

        public void Completed() => Interlocked.Increment(ref _completed);

        public void Refuse() => Interlocked.Increment(ref _refused);

        public void AssertSomeRefused() =>
            Assert.True(Refused > 0, $"no call was refused ({this}): the threads never overlapped, so the test proved nothing.");

        public override string ToString() => $"{Volatile.Read(ref _completed)} calls completed, {Refused} refused";
    }
}
