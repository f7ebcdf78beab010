namespace NetGen.Package.Tests;

/// <summary>A diagnostic as a release file or the README lists it.</summary>
/// <param name="Id">The diagnostic ID, e.g. <c>NG0001</c>.</param>
/// <param name="Category">The category (the README does not list one: empty).</param>
/// <param name="Severity">The default severity as written: <c>Error</c>, <c>Warning</c>, <c>Info</c> or <c>Hidden</c>.</param>
internal sealed record AnalyzerRule(string Id, string Category, string Severity);
