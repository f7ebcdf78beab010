using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// The constants of the IDX format (LeCun's MNIST files) and how to describe a magic number in an error message.
/// </summary>
/// <remarks>
/// An IDX file starts with a big-endian 32-bit magic number: two zero bytes, a data type byte (0x08 unsigned byte,
/// 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64) and the number of dimensions; then one
/// big-endian 32-bit size per dimension; then the data, row-major.
/// </remarks>
internal static class IdxFormat
{
    /// <summary>The magic number of an image file: unsigned bytes, 3 dimensions (count x rows x columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The data type byte of unsigned bytes, the only type the reader accepts.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>The first two bytes of every gzip stream.</summary>
    public const byte GzipId1 = 0x1F, GzipId2 = 0x8B;

    /// <summary>An upper bound on deflate's expansion (about 1032:1), to reject absurd headers before allocating.</summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>The size of the chunks read from the (possibly decompressing) stream.</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>Describes a magic number for a message, e.g. <c>2049 (labels)</c> or <c>3331 (float32, 3 dimensions)</c>.</summary>
    public static string Describe(uint magic)
    {
        if (magic == ImagesMagic) return "2051 (images)";
        if (magic == LabelsMagic) return "2049 (labels)";
        if ((magic >> 16) != 0)
            return string.Create(CultureInfo.InvariantCulture, $"0x{magic:X8}, which is not an IDX magic number (its first two bytes must be zero)");
        int dims = (int)(magic & 0xFF);
        string type = TypeName((byte)(magic >> 8));
        return string.Create(CultureInfo.InvariantCulture, $"{magic} (0x{magic:X8}: {type}, {dims} dimension{(dims == 1 ? "" : "s")})");
    }

    /// <summary>The name of an IDX data type byte.</summary>
    public static string TypeName(byte type) => type switch
    {
        0x08 => "unsigned bytes",
        0x09 => "signed bytes",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => string.Create(CultureInfo.InvariantCulture, $"unknown data type 0x{type:X2}"),
    };
}
