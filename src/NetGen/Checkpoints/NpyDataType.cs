namespace NetGen.Checkpoints;

/// <summary>The element types <see cref="NpyReader"/> accepts; both are read as <see cref="float"/>.</summary>
public enum NpyDataType
{
    /// <summary>Little-endian IEEE 754 single precision, numpy's <c>'&lt;f4'</c> (<c>float32</c>).</summary>
    Float32,

    /// <summary>Little-endian IEEE 754 double precision, numpy's <c>'&lt;f8'</c> (<c>float64</c>), rounded to float on reading.</summary>
    Float64,
}
