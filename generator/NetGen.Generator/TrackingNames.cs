namespace NetGen.Generator;

/// <summary>Names of the tracked pipeline steps, so tests can assert what was cached.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Model = nameof(Model);
    public const string Plan = nameof(Plan);
    public const string OrphanLayers = nameof(OrphanLayers);
}
