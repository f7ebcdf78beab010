using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen;
using NetGen.Distributed;
using NetGen.Distributed.TestHost;

// One rank of a data-parallel job on the hw0 network, launched by the tests with mpirun. Rank 0 prints "key: value"
// lines that the tests read and check.
//   check: trains on synthetic rows, checking every step that all ranks hold the same parameters, then compares
//          with the single-process epochs and reports allocations.
//   fail:  rank --fail-rank throws in its --fail-call-th Backward call; the job must abort.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = new Dictionary<string, int>
{
    ["--rows"] = 1001, ["--batch"] = 100, ["--epochs"] = 3, ["--seed"] = 7, ["--fail-rank"] = 1, ["--fail-call"] = 3, ["--shuffle"] = 0,
};
string mode = args.Length > 0 ? args[0] : "check";
for (int i = 1; i + 1 < args.Length; i += 2)
    options[args[i]] = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
const float LearningRate = 0.1f;

return MpiProgram.Run(world => mode switch
{
    "check" => Check(world),
    "fail" => Fail(world),
    _ => throw new ArgumentException($"unknown mode '{mode}'"),
});

int Check(MpiCommunicator world)
{
    var data = new SyntheticData(options["--rows"], options["--seed"]);
    int epochs = options["--epochs"], batch = options["--batch"];
    ulong seed = (ulong)options["--seed"];

    // Every rank starts from its own parameters, so the broadcast is what makes them equal.
    var network = new Hw0Network();
    network.Initialize(seed + (ulong)world.Rank);
    var trainer = new DataParallelTrainer<byte>(network, world) { VerifyReplicasEveryStep = true };
    bool agreedBefore = trainer.ReplicasAgree();
    trainer.BroadcastParameters();
    bool agreedAfter = trainer.ReplicasAgree();

    var losses = new double[epochs];
    long[] leastAllocated = { long.MaxValue };
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        losses[epoch] = options["--shuffle"] != 0
            ? trainer.TrainEpoch(data.Images, data.Labels, data.Count, LearningRate, batch, shuffleSeed: 100 + (ulong)epoch).MeanLoss
            : trainer.TrainEpoch(data.Images, data.Labels, data.Count, LearningRate, batch).MeanLoss;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (epoch > 0)
            leastAllocated[0] = Math.Min(leastAllocated[0], allocated);
    }

    Evaluation sharded = trainer.Evaluate(data.Images, data.Labels, data.Count);
    world.AllreduceMax(leastAllocated);
    if (!world.IsRoot)
        return 0;

    // The same epochs in one process, with the network's own fused TrainEpoch (on the rows put in the same order).
    var single = new Hw0Network();
    single.Initialize(seed);
    var singleLosses = new double[epochs];
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        (float[] images, byte[] labels) = options["--shuffle"] != 0 ? data.Reordered(100 + (ulong)epoch) : (data.Images, data.Labels);
        singleLosses[epoch] = single.TrainEpoch(images, labels, data.Count, LearningRate, batch).MeanLoss;
    }
    Evaluation local = network.Evaluate(data.Images, data.Labels, data.Count);

    double difference = 0, norm = 0;
    for (int i = 0; i < single.Parameters.Length; i++)
    {
        difference += Math.Pow(network.Parameters[i] - single.Parameters[i], 2);
        norm += Math.Pow(single.Parameters[i], 2);
    }

    Console.WriteLine($"ranks: {world.Size}");
    Console.WriteLine($"shuffled: {options["--shuffle"] != 0}");
    Console.WriteLine($"agreed before broadcast: {agreedBefore}");
    Console.WriteLine($"agreed after broadcast: {agreedAfter}");
    Console.WriteLine($"steps: {trainer.Steps}");
    Console.WriteLine($"verified steps: {trainer.VerifiedSteps}");
    Console.WriteLine($"parameter relative difference: {Math.Sqrt(difference / norm):R}");
    Console.WriteLine($"parameters changed: {!network.Parameters.SequenceEqual(new Hw0Network().Parameters)}");
    for (int epoch = 0; epoch < epochs; epoch++)
        Console.WriteLine($"epoch {epoch} loss: {losses[epoch]:R} single: {singleLosses[epoch]:R}");
    Console.WriteLine($"evaluate sharded: {sharded.MeanLoss:R} {sharded.Errors} {sharded.Count}");
    Console.WriteLine($"evaluate local: {local.MeanLoss:R} {local.Errors} {local.Count}");
    Console.WriteLine($"least bytes allocated in an epoch after the first, worst rank: {leastAllocated[0]}");
    return 0;
}

int Fail(MpiCommunicator world)
{
    var data = new SyntheticData(options["--rows"], options["--seed"]);
    var network = new FailingNetwork(new Hw0Network(), world.Rank == options["--fail-rank"] ? options["--fail-call"] : int.MaxValue);
    network.Initialize((ulong)options["--seed"]);
    var trainer = new DataParallelTrainer<byte>(network, world);
    trainer.BroadcastParameters();
    for (int epoch = 0; epoch < options["--epochs"]; epoch++)
        trainer.TrainEpoch(data.Images, data.Labels, data.Count, LearningRate, options["--batch"]);
    Console.WriteLine($"rank {world.Rank} finished every epoch");
    return 0;
}
