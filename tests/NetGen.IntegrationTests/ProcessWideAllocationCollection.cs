namespace NetGen.IntegrationTests;

/// <summary>
/// Tests that count every thread's allocations (<c>GC.GetTotalAllocatedBytes</c>), such as a multi-threaded epoch's:
/// they run alone, after the parallel tests, so that no other test's allocations are counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideAllocationCollection
{
    public const string Name = "Process-wide allocation";
}
