using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace NetGen.Package.Tests;

/// <summary>
/// Writes a <c>nuget.config</c> that can only restore offline: <c>&lt;clear/&gt;</c>, then local folders only (the
/// test's feed and the machine's global packages folder, read as a folder feed).
/// </summary>
internal static class OfflineNuGetConfig
{
    /// <summary>
    /// The machine's global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>), which the solution's
    /// own restore has filled.
    /// </summary>
    public static string MachineGlobalPackagesFolder { get; } =
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Writes the file.</summary>
    /// <param name="path">Where to write it.</param>
    /// <param name="sources">Local folders to restore from, in order.</param>
    /// <param name="globalPackagesFolder">Where restored packages are extracted, or null for the machine's default.</param>
    public static void Write(string path, IReadOnlyList<string> sources, string? globalPackagesFolder)
    {
        var packageSources = new XElement("packageSources", new XElement("clear"));
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i].Contains("://", StringComparison.Ordinal))
                throw new ArgumentException($"Only local folders may be sources: {sources[i]}", nameof(sources));
            packageSources.Add(new XElement("add", new XAttribute("key", "local" + i), new XAttribute("value", sources[i])));
        }

        var configuration = new XElement(
            "configuration",
            packageSources,
            new XElement("disabledPackageSources", new XElement("clear")),
            new XElement("fallbackPackageFolders", new XElement("clear")),
            new XElement("auditSources", new XElement("clear")));
        if (globalPackagesFolder is not null)
        {
            configuration.AddFirst(new XElement(
                "config",
                new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", globalPackagesFolder))));
        }

        new XDocument(new XDeclaration("1.0", "utf-8", null), configuration).Save(path);
    }
}
