namespace NetGen.Package.Tests;

/// <summary>The tests that share one packed NetGen and one consumer build (<see cref="PackageFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Package";
}
