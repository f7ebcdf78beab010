namespace NetGen.Generator.Tests.SelfTests;

/// <summary>Tests that change process-wide state (environment variables): run alone, never beside another test.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
}
