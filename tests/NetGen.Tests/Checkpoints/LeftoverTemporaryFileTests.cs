using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// What a killed save leaves behind is cleaned up by the next save to the same file, a save in progress is never taken
/// for a leftover, the temporary name fits the file system for any valid target name, and a save the file system
/// refuses throws an exception the documentation names.
/// </summary>
public sealed class LeftoverTemporaryFileTests : IDisposable
{
    private static readonly NetworkSpec Spec = TestSpecs.TwoLayer;

    private readonly TemporaryFolder _folder = new();
    private readonly float[] _values = ParameterValues.Sentinel(Spec.ParameterCount);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TemporaryFilesOfKilledSaves_AreDeletedByTheNextSaveToTheSameFile()
    {
        string path = _folder.File("model.npz");
        string other = _folder.File("other.npz");
        NetworkCheckpoint.Save(Spec, _values, path);
        for (int i = 0; i < 9; i++)
            KilledSave(path); // each leaves a half-written temporary file, as a process killed during Save does
        KilledSave(other);
        Assert.Equal(9, _folder.FileNames().Count(n => n.StartsWith(".model.npz.", StringComparison.Ordinal)));

        NetworkCheckpoint.Save(Spec, _values, path);

        // The leftovers of model.npz are gone; other.npz's is not this save's business (its own next save removes it).
        Assert.Equal([".other.npz.", "model.npz"], _folder.FileNames().Select(n => n.StartsWith(".other.npz.", StringComparison.Ordinal) ? ".other.npz." : n).Order(StringComparer.Ordinal));
        var loaded = new float[Spec.ParameterCount];
        NetworkCheckpoint.Load(Spec, loaded, path);
        ParameterValues.AssertBitsEqual(_values, loaded);
    }

    [Fact]
    public void ASaveInProgress_IsNotTakenForALeftover()
    {
        string path = _folder.File("model.npz");
        string? inProgress = null;

        // The outer save is halfway through (its temporary file open) when another save to the same file runs.
        NetworkCheckpoint.Save(Spec, _values, path, tmp =>
        {
            inProgress = tmp;
            var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.Delete);
            stream.Write(new byte[100]);
            NetworkCheckpoint.Save(Spec, ParameterValues.Sentinel(Spec.ParameterCount), path);
            Assert.True(File.Exists(tmp), "The nested save deleted the temporary file of a save in progress.");
            return stream;
        });

        Assert.NotNull(inProgress);
        Assert.Equal(["model.npz"], _folder.FileNames());
    }

    [Theory]
    [InlineData(250, 'a')]
    [InlineData(255, 'b')]
    [InlineData(120, '\u00e9')] // 2 UTF-8 bytes each: 236 bytes, too long with the temporary name's 22 extra bytes
    [InlineData(80, '\u4e2d')] // 3 bytes each: 232 bytes
    public void ALongFileName_IsSavedAndLoaded(int length, char letter)
    {
        string name = new string(letter, length - 4) + ".npz";
        string path = _folder.File(name);

        NetworkCheckpoint.Save(Spec, _values, path);

        Assert.Equal([name], _folder.FileNames());
        var loaded = new float[Spec.ParameterCount];
        NetworkCheckpoint.Load(Spec, loaded, path);
        ParameterValues.AssertBitsEqual(_values, loaded);
    }

    [Fact]
    public void TheTemporaryNameOfALongFileName_FitsIn255Bytes_AndDiffersFromASimilarName()
    {
        string a = new string('x', 240) + "-a.npz", b = new string('x', 240) + "-b.npz";
        string prefixA = AtomicFileWriter.TemporaryPrefix(a), prefixB = AtomicFileWriter.TemporaryPrefix(b);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(prefixA + new string('0', 16) + ".tmp") <= 255, prefixA);
        Assert.NotEqual(prefixA, prefixB); // the hash of the whole name keeps two long names' leftovers apart
        Assert.Equal(".model.npz.", AtomicFileWriter.TemporaryPrefix("model.npz"));
    }

    [Fact]
    public void ASaveTheFileSystemRefuses_ThrowsAnExceptionTheDocumentationNames()
    {
        string folder = UnwritableFolder();
        string path = Path.Combine(folder, "model.npz");

        Exception error = Record.Exception(() => NetworkCheckpoint.Save(new FakeNetwork(Spec), path));

        Assert.NotNull(error);
        string[] documented = DocumentedExceptions("M:NetGen.Checkpoints.NetworkCheckpoint.Save(NetGen.INetwork,System.String)");
        Assert.True(
            documented.Any(d => d == error.GetType().FullName || (d == typeof(IOException).FullName && error is IOException)),
            $"Save into '{folder}' threw {error.GetType().FullName} ({error.Message}); the documentation names {string.Join(", ", documented)}.");
    }

    /// <summary>
    /// What a save killed halfway leaves: its temporary file beside the target, <c>.{name}.{16 hex digits}.tmp</c>,
    /// written in part and closed by the dying process. (An <see cref="AtomicFileWriter"/> cannot be abandoned to make
    /// one: creating it already deletes the leftovers.)
    /// </summary>
    private static void KilledSave(string path)
    {
        string suffix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + suffix + ".tmp"), new byte[37]);
    }

    /// <summary>
    /// A folder this process cannot create files in: a fresh one made read-only when not running as root; as root (who
    /// may write anywhere) a sysfs folder, which refuses new files to everyone.
    /// </summary>
    private string UnwritableFolder()
    {
        if (!OperatingSystem.IsWindows() && Environment.UserName != "root")
        {
            string folder = _folder.File("read-only");
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return folder;
        }

        Assert.True(Directory.Exists("/sys/kernel"), "This test needs a folder the process cannot write to: run it as a user other than root, or where /sys/kernel exists.");
        return "/sys/kernel";
    }

    /// <summary>The exception types the XML documentation of a member lists, from NetGen.xml beside NetGen.dll.</summary>
    private static string[] DocumentedExceptions(string member)
    {
        string xml = Path.ChangeExtension(typeof(NetworkCheckpoint).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"{xml} is missing: NetGen.csproj must keep GenerateDocumentationFile.");
        XElement entry = XDocument.Load(xml).Descendants("member").Single(m => (string?)m.Attribute("name") == member);
        return entry.Elements("exception").Select(e => ((string)e.Attribute("cref")!).Substring(2)).ToArray();
    }
}
