namespace NetGen.IntegrationTests;

/// <summary>Runs <see cref="AllocationTests"/> with no other test class in parallel.</summary>
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTestsCollection
{
}
