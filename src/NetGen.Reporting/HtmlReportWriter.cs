using System;
using System.IO;
using System.Text;

namespace NetGen.Reporting;

/// <summary>
/// Writes a <see cref="TrainingReport"/> as one self-contained HTML file: inline CSS and inline SVG charts, the
/// misclassified images as inline <c>data:</c> PNGs, no scripts and no external resources of any kind, so it
/// opens offline in any browser. Numbers are formatted with the invariant culture: the same report gives the same
/// bytes on every machine.
/// </summary>
/// <remarks>
/// Call <see cref="EnsureWritable"/> with the output path before training starts, so that a typo in the path fails
/// in the first second rather than after the last epoch; <see cref="Write"/> then replaces the file atomically.
/// </remarks>
public static class HtmlReportWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks that a report can be written at <paramref name="path"/>, by creating (or opening, without changing)
    /// the file and deleting it again if it did not exist. Call it before training so a bad path fails early.
    /// </summary>
    /// <param name="path">Where the report will go, e.g. <c>report.html</c>.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid file path.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, or the file cannot be created or written (the message says why).</exception>
    public static string EnsureWritable(string path)
    {
        string fullPath = CheckFolder(path);
        bool existed = File.Exists(fullPath);
        try
        {
            using (new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            if (!existed) File.Delete(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"The training report cannot be written to '{fullPath}': {e.Message}", e);
        }

        return fullPath;
    }

    /// <summary>
    /// Writes the report to <paramref name="path"/>: first to a temporary file in the same folder, then moved over
    /// the target, so that a reader never sees half a report and a failure leaves any previous report in place.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="path">The output file, e.g. <c>report.html</c>; its folder must exist.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid file path.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, or the file cannot be written.</exception>
    public static string Write(TrainingReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        string fullPath = CheckFolder(path);
        byte[] bytes = Utf8.GetBytes(Render(report));
        string folder = Path.GetDirectoryName(fullPath)!;
        string temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            throw new IOException($"The training report cannot be written to '{fullPath}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return fullPath;
    }

    /// <summary>The report's HTML, exactly as <see cref="Write"/> stores it (UTF-8, <c>\n</c> line ends).</summary>
    /// <param name="report">The report.</param>
    /// <returns>The document.</returns>
    public static string Render(TrainingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return HtmlReportRenderer.Render(report);
    }

    /// <summary>Resolves the path and checks that it names a file in an existing folder.</summary>
    private static string CheckFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"'{path}' is not a valid path for the training report: {e.Message}", nameof(path), e);
        }

        if (path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(fullPath))
            throw new IOException($"The training report path '{fullPath}' is a folder; give a file name such as '{Path.Combine(fullPath, "report.html")}'.");
        string? folder = Path.GetDirectoryName(fullPath);
        if (string.IsNullOrEmpty(folder))
            throw new ArgumentException($"'{path}' has no folder to write the training report in.", nameof(path));
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(
                File.Exists(folder)
                    ? $"The training report cannot be written to '{fullPath}': '{folder}' is a file, not a folder."
                    : $"The training report cannot be written to '{fullPath}': the folder '{folder}' does not exist. Create it first or choose another path.");
        return fullPath;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting.
        }
    }
}
