namespace NetGen.Generator;

/// <summary>A minimal hash combiner (netstandard2.0 has no System.HashCode).</summary>
internal static class HashCombiner
{
    public static int Combine(int hash, int value) => unchecked((hash * -1521134295) + value);
}
