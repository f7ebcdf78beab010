using System;
using System.IO;
using System.IO.Compression;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Damaged and mismatched checkpoints: each is rejected with an <see cref="InvalidDataException"/> that names the
/// file, the array, what was expected and what was found, and the target parameters are left as they were.
/// </summary>
public sealed class CheckpointCorruptionTests : IDisposable
{
    private static readonly NetworkSpec Spec = TestSpecs.TwoLayer;

    private readonly TemporaryFolder _folder = new();
    private readonly float[] _target = ParameterValues.Sentinel(Spec.ParameterCount);
    private readonly string _path;

    public CheckpointCorruptionTests() => _path = _folder.File("bad.npz");

    public void Dispose() => _folder.Dispose();

    /// <summary>A valid checkpoint of the spec, written by NetGen (stored entries W1.npy, b1.npy, W2.npy).</summary>
    private static byte[] Good()
    {
        var stream = new MemoryStream();
        NetworkCheckpoint.Save(Spec, ParameterValues.Pattern(Spec.ParameterCount, seed: 4), stream);
        return stream.ToArray();
    }

    private InvalidDataException Rejects(byte[] file, params string[] keywords)
    {
        File.WriteAllBytes(_path, file);
        return CheckpointAssert.RejectsUnchanged(_target, () => NetworkCheckpoint.Load(Spec, _target, _path, allowNonFinite: true), ["'" + _path + "'", .. keywords]);
    }

    private static byte[] WithEntry(string name, byte[] content)
    {
        (string Name, byte[] Content)[] entries = ZipBytes.FixtureEntries();
        for (int i = 0; i < entries.Length; i++)
            if (entries[i].Name == name) entries[i].Content = content;
        return ZipBytes.Build(entries);
    }

    [Fact]
    public void GoodFile_Loads_SoTheCasesBelowFailForTheirOwnReason()
    {
        File.WriteAllBytes(_path, Good());
        NetworkCheckpoint.Load(Spec, _target, _path, allowNonFinite: true); // the pattern holds infinities
        ParameterValues.AssertBitsEqual(ParameterValues.Pattern(Spec.ParameterCount, seed: 4), _target);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void TruncatedFile_IsRejected(double keep)
    {
        byte[] good = Good();
        int length = (int)(good.Length * keep);
        InvalidDataException ex = Rejects(good[..length], "expected", "found");
        Assert.True(length == 0
            ? ex.Message.Contains("found an empty file", StringComparison.Ordinal)
            : ex.Message.Contains("not a valid .npz (zip) archive: expected a complete zip directory at the end", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public void FileCutByOneByte_IsRejected()
    {
        byte[] good = Good();
        Rejects(good[..^1], "not a valid .npz (zip) archive", "expected", "found");
    }

    [Fact]
    public void WrongMagic_IsRejected()
    {
        byte[] bytes = Good();
        bytes[0] = (byte)'Q';
        Rejects(bytes, "not an .npz checkpoint: expected a zip archive (starting with \"PK\"), found 51 4B 03 04");
    }

    [Fact]
    public void WrongNpyMagicInsideTheArchive_IsRejectedNamingTheArray()
    {
        byte[] b1 = ZipBytes.FixtureEntries()[1].Content;
        b1[3] = (byte)'X';
        Rejects(WithEntry("b1.npy", b1), "array 'b1': not an .npy array: expected the magic string \\x93NUMPY, found 93 4E 55 58");
    }

    [Fact]
    public void HeaderClaimingMoreElementsThanTheData_IsRejected()
    {
        // The header says (4, 2) as the spec wants, but only 7 floats follow.
        Rejects(WithEntry("W2.npy", NpyBytes.Float32("(4, 2)", new float[7])),
            "array 'W2': truncated data: expected 32 bytes for shape (4, 2) of '<f4', found 28.");
    }

    [Fact]
    public void HeaderClaimingFewerElementsThanTheData_IsRejected()
    {
        Rejects(WithEntry("W2.npy", NpyBytes.Float32("(4, 2)", new float[9])),
            "array 'W2': 4 unexpected bytes after the data: expected exactly 32 data bytes for shape (4, 2) of '<f4', found 36.");
    }

    [Fact]
    public void GarbledHeader_IsRejected()
    {
        Rejects(WithEntry("b1.npy", NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), \n", new byte[16])),
            "array 'b1': the .npy header is not a valid Python literal (expected a value at character", "found the end of the text");
    }

    [Fact]
    public void MissingArray_IsRejectedListingWhatWasExpectedAndFound()
    {
        (string, byte[])[] entries = ZipBytes.FixtureEntries();
        Rejects(ZipBytes.Build(entries[0], entries[2]),
            "missing array 'b1' (layer 1 bias, 4 units): expected the arrays W1, b1, W2 of the network 3 -> 4 ReLU -> 2 (no bias)", "found W1, W2.");
    }

    [Fact]
    public void EmptyArchive_IsMissingEverything()
    {
        Rejects(ZipBytes.Build(), "missing arrays 'W1' (layer 1 weights, 3 inputs x 4 units), 'b1' (layer 1 bias, 4 units), 'W2' (layer 2 weights, 4 inputs x 2 units): expected the arrays W1, b1, W2", "found no arrays.");
    }

    [Fact]
    public void ExtraArrayOfADeeperNetwork_IsRejected()
    {
        Rejects(ZipBytes.Build([.. ZipBytes.FixtureEntries(), ("W3.npy", NpyBytes.Float32("(2, 2)", new float[4]))]),
            "unexpected array 'W3' (the network has 2 layers, not 3): expected exactly the arrays W1, b1, W2 of the network", "found W1, b1, W2, W3.");
    }

    [Fact]
    public void ExtraBiasForALayerWithout_IsRejected()
    {
        Rejects(ZipBytes.Build([.. ZipBytes.FixtureEntries(), ("b2.npy", NpyBytes.Float32("(2,)", new float[2]))]),
            "unexpected array 'b2' (layer 2 of the network has no bias): expected exactly the arrays W1, b1, W2", "found W1, b1, W2, b2.");
    }

    [Fact]
    public void ExtraUnknownArray_IsRejected()
    {
        Rejects(ZipBytes.Build([("optimizer_state.npy", NpyBytes.Float32("(1,)", new float[1])), .. ZipBytes.FixtureEntries()]),
            "unexpected array 'optimizer_state': expected exactly the arrays W1, b1, W2", "found optimizer_state, W1, b1, W2.");
    }

    [Fact]
    public void EntryThatIsNotAnArray_IsRejected()
    {
        Rejects(ZipBytes.Build([.. ZipBytes.FixtureEntries(), ("README.txt", "hello"u8.ToArray())]),
            "unexpected zip entry 'README.txt': expected only the .npy arrays W1, b1, W2", "found W1, b1, W2, README.txt.");
    }

    [Fact]
    public void DuplicateArray_IsRejected()
    {
        (string, byte[])[] entries = ZipBytes.FixtureEntries();
        Rejects(ZipBytes.Build([.. entries, entries[0]]), "array 'W1' appears twice: expected each of W1, b1, W2 once, found W1, b1, W2, W1.");
    }

    [Fact]
    public void FlippedDataByte_FailsTheCrc_EvenAfterEarlierArraysWereRead()
    {
        byte[] bytes = Good();
        int data = ZipBytes.DataOffset(bytes, "W2.npy");
        bytes[data + 128 + 5] ^= 0x10; // inside W2's float data, after its 128-byte header
        Rejects(bytes, "array 'W2': the zip entry 'W2.npy' is corrupt (CRC-32 mismatch): expected 0x", "as the archive's directory records, found 0x");
    }

    [Fact]
    public void CorruptDeflateData_IsRejectedNamingTheArray()
    {
        byte[] bytes = NumpyFixtures.Bytes("savez_compressed.npz");
        bytes[ZipBytes.DataOffset(bytes, "W2.npy")] = 0xFF; // final block of reserved type 3: not deflate
        Rejects(bytes, "array 'W2': the zip entry 'W2.npy' is corrupt: expected data that decompresses cleanly, found an error after 0 bytes");
    }

    [Fact]
    public void CorruptDeflatedHeaderByte_IsRejectedNamingTheArray()
    {
        // Valid deflate, wrong content: whatever the damage decodes to, the file and array are named.
        byte[] bytes = NumpyFixtures.Bytes("savez_compressed.npz");
        bytes[ZipBytes.DataOffset(bytes, "b1.npy") + 20] ^= 0x55;
        Rejects(bytes, "array 'b1'");
    }

    [Fact]
    public void UnsupportedCompressionMethod_IsRejectedNamingTheArray()
    {
        // numpy's zipfile can write bzip2 and lzma entries (np.savez does not); System.IO.Compression reads neither.
        byte[] bytes = Good();
        ZipBytes.SetCompressionMethod(bytes, "b1.npy", 12);
        Rejects(bytes, "array 'b1': cannot read the zip entry 'b1.npy':");
    }

    [Fact]
    public void WrongDtype_IsRejected()
    {
        byte[] int32 = NpyBytes.Build("{'descr': '<i4', 'fortran_order': False, 'shape': (4,), }\n", new byte[16]);
        Rejects(WithEntry("b1.npy", int32), "array 'b1': unsupported dtype: expected '<f4' (float32) or '<f8' (float64), found '<i4'.");
    }

    [Fact]
    public void Float64TooLargeForFloat_IsRejected()
    {
        Rejects(WithEntry("b1.npy", NpyBytes.Float64("(4,)", [0, 1, 1e39, 2])),
            "array 'b1': element 2 (index (2,)) does not fit in float32: expected a magnitude of at most 3.4028235E+38, found 1E+39.");
    }

    [Fact]
    public void FortranOrder_IsRejected()
    {
        Rejects(WithEntry("W1.npy", NpyBytes.Float32("(3, 4)", new float[12], fortran: "True")),
            "array 'W1': Fortran order is not supported; save with np.ascontiguousarray: expected 'fortran_order': False, found True.");
    }

    [Fact]
    public void TransposedWeights_AreAShapeMismatchWithAHint()
    {
        Rejects(WithEntry("W1.npy", NpyBytes.Float32("(4, 3)", new float[12])),
            "array 'W1': shape mismatch: expected (3, 4) (layer 1 weights, 3 inputs x 4 units), found (4, 3) (the transpose: NetGen stores W as [inputs, units], for X @ W).");
    }

    [Theory]
    [InlineData("(4, 1)", "found (4, 1).")]
    [InlineData("(1, 4)", "found (1, 4).")]
    [InlineData("(5,)", "found (5,).")]
    [InlineData("()", "found ().")]
    public void BiasOfAnotherShape_IsAShapeMismatch(string shape, string found)
    {
        int count = shape switch { "(5,)" => 5, "()" => 1, _ => 4 };
        Rejects(WithEntry("b1.npy", NpyBytes.Float32(shape, new float[count])),
            "array 'b1': shape mismatch: expected (4,) (layer 1 bias, 4 units)", found);
    }

    [Fact]
    public void MissingFile_IsFileNotFound_AndChangesNothing()
    {
        float[] before = (float[])_target.Clone();
        Assert.Throws<FileNotFoundException>(() => NetworkCheckpoint.Load(Spec, _target, _folder.File("absent.npz")));
        Assert.Throws<FileNotFoundException>(() => NetworkCheckpoint.LoadArray(Spec, _target, "W1", _folder.File("absent.npy")));
        ParameterValues.AssertBitsEqual(before, _target);
    }

    [Fact]
    public void CorruptStream_IsNamedAsTheStream()
    {
        byte[] bytes = Good();
        bytes[ZipBytes.DataOffset(bytes, "b1.npy") + 128] ^= 1;
        CheckpointAssert.RejectsUnchanged(_target, () => NetworkCheckpoint.Load(Spec, _target, new MemoryStream(bytes)),
            "the checkpoint stream, array 'b1': the zip entry 'b1.npy' is corrupt (CRC-32 mismatch)");
    }

    [Fact]
    public void LoadArray_WithAShapeMismatch_ChangesNothing()
    {
        string path = _folder.File("b1.npy");
        File.WriteAllBytes(path, NpyBytes.Float32("(3,)", [1f, 2f, 3f]));
        CheckpointAssert.RejectsUnchanged(_target, () => NetworkCheckpoint.LoadArray(Spec, _target, "b1", path),
            $"'{path}', array 'b1': shape mismatch: expected (4,) (layer 1 bias, 4 units), found (3,).");
    }

    [Fact]
    public void LoadArray_WithLyingHeader_ChangesNothing()
    {
        string path = _folder.File("b1.npy");
        File.WriteAllBytes(path, NpyBytes.Float32("(4,)", [1f, 2f, 3f]));
        CheckpointAssert.RejectsUnchanged(_target, () => NetworkCheckpoint.LoadArray(Spec, _target, "b1", path),
            $"'{path}', array 'b1': truncated data: expected 16 bytes for shape (4,) of '<f4', found 12.");
    }

    [Fact]
    public void Zip64Archive_IsNotAProblem_ButAnArchiveInsideTheArchiveIs()
    {
        // An .npz stored inside an .npz under an array's name: its bytes are not an .npy array.
        Rejects(WithEntry("W1.npy", NumpyFixtures.Bytes("savez_float32.npz")),
            "array 'W1': not an .npy array: expected the magic string \\x93NUMPY, found 50 4B 03 04", "(a zip archive, such as an .npz file).");
    }

    [Fact]
    public void DeflatedEntriesBuiltByDotNet_LoadToo()
    {
        File.WriteAllBytes(_path, ZipBytes.Build(CompressionLevel.Optimal, ZipBytes.FixtureEntries()));
        NetworkCheckpoint.Load(Spec, _target, _path, allowNonFinite: true);
        ParameterValues.AssertBitsEqual(NumpyFixtures.Parameters, _target);
    }
}
