using System;

namespace NetGen.Distributed.Tests;

/// <summary>
/// The data-parallel epoch on the hw0 network (784-100-10) under <c>mpirun -np 2</c> and <c>-np 3</c>: 1001 synthetic
/// rows in batches of 100, so the last batch has one row and every rank but rank 0 has an empty share in it.
/// </summary>
public sealed class DataParallelEpochTests
{
    private const int Epochs = 3;
    private const int StepsPerEpoch = 11; // ceil(1001 / 100)

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(3, true)] // shuffled epochs: every rank draws the same order; one process trains on the rows in that order
    public void Ranks_HoldBitIdenticalParameters_AfterEveryStep_AndMatchOneProcess(int ranks, bool shuffled)
    {
        MpiRun.Result run = MpiRun.Host(ranks, TimeSpan.FromSeconds(120), "check", "--rows", "1001", "--batch", "100", "--epochs", $"{Epochs}", "--shuffle", shuffled ? "1" : "0");
        Assert.True(run.ExitCode == 0, $"mpirun exited with {run.ExitCode}.\n{run.Output}\n{run.Error}");
        var report = new HostReport(run.Output);

        Assert.Equal($"{ranks}", report.Text("ranks"));
        Assert.Equal($"{shuffled}", report.Text("shuffled"));

        // Each rank initialized from its own seed: they differ until rank 0's parameters are broadcast.
        Assert.Equal("False", report.Text("agreed before broadcast"));
        Assert.Equal("True", report.Text("agreed after broadcast"));

        // Every step ended with an allreduce of the parameters' fingerprint that found all ranks equal.
        Assert.Equal($"{Epochs * StepsPerEpoch}", report.Text("steps"));
        Assert.Equal($"{Epochs * StepsPerEpoch}", report.Text("verified steps"));
        Assert.Equal("True", report.Text("parameters changed"));

        // Within float rounding of the network's own single-process TrainEpoch (not its bits: another summation order).
        double difference = report.Number("parameter relative difference");
        Assert.True(difference < 1e-6, $"The parameters differ from one process's by {difference:R} (relative L2).");
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            string[] words = report.Words($"epoch {epoch} loss");
            double distributed = HostReport.Parse(words[0]), single = HostReport.Parse(words[2]);
            Assert.True(Math.Abs(distributed - single) <= 1e-6 * Math.Abs(single), $"Epoch {epoch}: loss {distributed:R} over {ranks} ranks, {single:R} in one process.");
        }

        // The sharded Evaluate counts the same errors and the same loss as one process's Evaluate of the same parameters.
        string[] sharded = report.Words("evaluate sharded"), local = report.Words("evaluate local");
        Assert.Equal(local[1], sharded[1]);
        Assert.Equal("1001", sharded[2]);
        Assert.True(Math.Abs(HostReport.Parse(sharded[0]) - HostReport.Parse(local[0])) <= 1e-9 * HostReport.Parse(local[0]), $"Evaluate: {sharded[0]} sharded, {local[0]} in one process.");

        // Nothing allocated in a whole epoch (steps, allreduces, fingerprints) once the first epoch has run, on any rank.
        Assert.Equal("0", report.Text("least bytes allocated in an epoch after the first, worst rank"));
    }

    [Fact]
    public void RankThatThrows_AbortsTheJob_InsteadOfLeavingTheOthersWaiting()
    {
        // Rank 1's network throws in its third Backward call (step 3); ranks 0 and 2 are then waiting in the allreduce.
        MpiRun.Result run = MpiRun.Host(3, TimeSpan.FromSeconds(60), "fail", "--fail-rank", "1", "--fail-call", "3", "--epochs", "2");

        Assert.True(run.ExitCode != 0, $"mpirun exited with 0 although rank 1 threw.\n{run.Output}\n{run.Error}");
        Assert.Contains("rank 1 of 3 failed in step 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("injected failure in Backward call 3", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("finished every epoch", run.Output, StringComparison.Ordinal);
    }
}
