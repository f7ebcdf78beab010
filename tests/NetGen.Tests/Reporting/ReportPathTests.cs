using System;
using System.IO;
using System.Linq;
using NetGen.Reporting;
using NetGen.Tests.Data;

namespace NetGen.Tests.Reporting;

public sealed class ReportPathTests
{
    [Fact]
    public void EnsureWritable_leaves_no_file_behind_and_keeps_an_existing_one()
    {
        using var folder = new TempDirectory();
        string path = folder.File("report.html");
        Assert.Equal(path, HtmlReportWriter.EnsureWritable(path));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));

        File.WriteAllText(path, "previous report");
        HtmlReportWriter.EnsureWritable(path);
        Assert.Equal("previous report", File.ReadAllText(path));
    }

    [Fact]
    public void EnsureWritable_resolves_a_relative_path()
    {
        string relative = "netgen-report-" + Guid.NewGuid().ToString("N") + ".html";
        Assert.Equal(Path.GetFullPath(relative), HtmlReportWriter.EnsureWritable(relative));
        Assert.False(File.Exists(relative));
    }

    [Fact]
    public void A_missing_folder_fails_up_front_with_a_clear_message()
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Path, "no-such-folder", "report.html");

        var early = Assert.Throws<DirectoryNotFoundException>(() => HtmlReportWriter.EnsureWritable(path));
        Assert.Contains(Path.Combine(folder.Path, "no-such-folder"), early.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", early.Message, StringComparison.Ordinal);

        var late = Assert.Throws<DirectoryNotFoundException>(() => HtmlReportWriter.Write(ReportFixtures.Report(), path));
        Assert.Equal(early.Message, late.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_folder_as_the_path_fails_and_nothing_is_written()
    {
        using var folder = new TempDirectory();
        string sub = Path.Combine(folder.Path, "reports");
        Directory.CreateDirectory(sub);

        var e = Assert.Throws<IOException>(() => HtmlReportWriter.EnsureWritable(sub));
        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => HtmlReportWriter.EnsureWritable(sub + Path.DirectorySeparatorChar));
        Assert.Throws<IOException>(() => HtmlReportWriter.Write(ReportFixtures.Report(), sub));
        Assert.Equal([sub], Directory.GetFileSystemEntries(folder.Path));
        Assert.Empty(Directory.GetFileSystemEntries(sub));
    }

    [Fact]
    public void A_file_in_place_of_the_folder_fails()
    {
        using var folder = new TempDirectory();
        string file = folder.File("data.bin");
        File.WriteAllText(file, "x");
        var e = Assert.Throws<DirectoryNotFoundException>(() => HtmlReportWriter.EnsureWritable(Path.Combine(file, "report.html")));
        Assert.Contains("is a file, not a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_created_fails_with_an_io_exception_naming_it()
    {
        // Tests may run as root, who ignores permissions; a name longer than any file system allows fails for everyone.
        using var folder = new TempDirectory();
        string path = folder.File(new string('r', 300) + ".html");
        var e = Assert.Throws<IOException>(() => HtmlReportWriter.EnsureWritable(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be written", e.Message, StringComparison.Ordinal);
        Assert.Throws<IOException>(() => HtmlReportWriter.Write(ReportFixtures.Report(), path));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Blank_and_invalid_paths_are_argument_errors()
    {
        Assert.ThrowsAny<ArgumentException>(() => HtmlReportWriter.EnsureWritable(""));
        Assert.ThrowsAny<ArgumentException>(() => HtmlReportWriter.EnsureWritable("   "));
        Assert.ThrowsAny<ArgumentException>(() => HtmlReportWriter.EnsureWritable("bad\0name.html"));
    }

    [Fact]
    public void Write_replaces_an_existing_report_and_leaves_no_temporary_file()
    {
        using var folder = new TempDirectory();
        string path = folder.File("report.html");
        File.WriteAllText(path, "old");
        HtmlReportWriter.Write(ReportFixtures.Report(), path);
        HtmlReportWriter.Write(ReportFixtures.Report(gradientNorms: true), path);

        Assert.Equal(["report.html"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("gradient-norms", html, StringComparison.Ordinal);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no byte-order mark
    }
}
