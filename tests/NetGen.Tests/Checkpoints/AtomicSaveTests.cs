using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>Saving replaces the file atomically: a save that fails halfway leaves the previous checkpoint intact and no temporary file.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private static readonly NetworkSpec Spec = TestSpecs.FourLayersMixed;

    private readonly TemporaryFolder _folder = new();
    private readonly string _path;
    private readonly float[] _first = ParameterValues.Pattern(Spec.ParameterCount, seed: 1);
    private readonly float[] _second = ParameterValues.Pattern(Spec.ParameterCount, seed: 2);

    public AtomicSaveTests() => _path = _folder.File("model.npz");

    public void Dispose() => _folder.Dispose();

    private float[] LoadBack()
    {
        var loaded = new float[Spec.ParameterCount];
        NetworkCheckpoint.Load(Spec, loaded, _path, allowNonFinite: true); // the pattern holds infinities
        return loaded;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(700)]
    [InlineData(1500)]
    public void SaveFailingHalfway_LeavesThePreviousCheckpointIntact_AndNoTemporaryFile(int failAfter)
    {
        NetworkCheckpoint.Save(Spec, _first, _path);
        byte[] before = File.ReadAllBytes(_path);
        Assert.True(before.Length > failAfter + 100, "The failure point must fall inside the archive.");

        var temporaries = new List<string>();
        IOException ex = Assert.Throws<IOException>(() => NetworkCheckpoint.Save(Spec, _second, _path, tmp =>
        {
            temporaries.Add(tmp);
            return new ThrowingStream(new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite), failAfter);
        }));

        Assert.Contains("simulated", ex.Message, StringComparison.Ordinal);
        string temporary = Assert.Single(temporaries);
        Assert.Equal(_folder.Path, Path.GetDirectoryName(temporary));
        Assert.StartsWith(".model.npz.", Path.GetFileName(temporary), StringComparison.Ordinal);
        Assert.EndsWith(".tmp", temporary, StringComparison.Ordinal);

        Assert.Equal(["model.npz"], _folder.FileNames());
        Assert.Equal(before, File.ReadAllBytes(_path));
        ParameterValues.AssertBitsEqual(_first, LoadBack());
    }

    [Fact]
    public void OpeningTheTemporaryFileFailing_LeavesEverythingAsItWas()
    {
        NetworkCheckpoint.Save(Spec, _first, _path);
        Assert.Throws<UnauthorizedAccessException>(() =>
            NetworkCheckpoint.Save(Spec, _second, _path, _ => throw new UnauthorizedAccessException("denied (simulated)")));
        Assert.Equal(["model.npz"], _folder.FileNames());
        ParameterValues.AssertBitsEqual(_first, LoadBack());
    }

    [Fact]
    public void SuccessfulSave_ReplacesThePreviousCheckpoint()
    {
        NetworkCheckpoint.Save(Spec, _first, _path);
        NetworkCheckpoint.Save(Spec, _second, _path);
        Assert.Equal(["model.npz"], _folder.FileNames());
        ParameterValues.AssertBitsEqual(_second, LoadBack());
    }

    [Fact]
    public void SaveOverAFileThatIsNotACheckpoint_ReplacesIt()
    {
        File.WriteAllText(_path, "not a checkpoint");
        NetworkCheckpoint.Save(Spec, _first, _path);
        ParameterValues.AssertBitsEqual(_first, LoadBack());
    }

    [Fact]
    public void SaveIntoAMissingFolder_ThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_folder.Path, "absent", "model.npz");
        Assert.Throws<DirectoryNotFoundException>(() => NetworkCheckpoint.Save(Spec, _first, path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void RelativePath_PutsTheTemporaryFileBesideTheDestination()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, _folder.File("relative.npz"));
        string? temporary = null;
        NetworkCheckpoint.Save(Spec, _first, relative, tmp =>
        {
            temporary = tmp;
            return new FileStream(tmp, FileMode.CreateNew);
        });

        Assert.Equal(_folder.Path, Path.GetDirectoryName(temporary));
        Assert.Equal(["relative.npz"], _folder.FileNames());
    }
}
