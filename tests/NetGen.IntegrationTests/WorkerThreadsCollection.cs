namespace NetGen.IntegrationTests;

/// <summary>
/// Tests that count the process's worker threads, or check that worker threads did part of an epoch: no other test
/// class runs beside them, so that nobody else's threads are counted.
/// </summary>
[CollectionDefinition(nameof(WorkerThreadsCollection), DisableParallelization = true)]
public sealed class WorkerThreadsCollection
{
}
