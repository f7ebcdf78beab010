using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The C# expressions of the vector and pointer operations the kernels are made of, so that kernel emitters read as
/// the code they write. Every type is written by its <c>global::</c> name (<see cref="Names"/>), not through a
/// file-local alias: an alias loses to a type of the network's namespace (CS0576), to a member of an enclosing or base
/// type, and clashes with a global using alias of the same name, all of which the user may declare.
/// </summary>
/// <remarks>
/// Kernels address tensors through <c>ref float</c> locals and element offsets (no bounds checks in the inner loops;
/// every public entry point checks the spans' lengths first). <c>Vector&lt;float&gt;.Count</c> is written as
/// <see cref="Lanes"/>, a property of the generated class the JIT folds to a constant: 4, 8 or 16 floats.
/// </remarks>
internal static class Simd
{
    /// <summary>The generated property that holds <c>Vector&lt;float&gt;.Count</c>.</summary>
    public const string Lanes = "Lanes";

    /// <summary>The fewest floats a <c>Vector&lt;float&gt;</c> holds on any .NET platform (16 bytes).</summary>
    public const int MinLanes = NetworkPlanner.MinLanes;

    /// <summary>The most floats a <c>Vector&lt;float&gt;</c> holds: the runtime caps it at 512 bits.</summary>
    public const int MaxLanes = NetworkPlanner.MaxLanes;

    /// <summary>The zero vector.</summary>
    public const string Zero = Names.VectorFloat + ".Zero";

    /// <summary><c>ref Unsafe.Add(ref source, offset)</c>, or <c>ref source</c> for offset 0.</summary>
    public static string At(string source, string offset) =>
        offset == "0" ? "ref " + source : "ref " + Names.Unsafe + ".Add(ref " + source + ", " + offset + ")";

    /// <summary>The float at <c>source[offset]</c> (readable and assignable).</summary>
    public static string Element(string source, string offset) =>
        offset == "0" ? source : Names.Unsafe + ".Add(ref " + source + ", " + offset + ")";

    /// <summary>The vector at <c>source[offset .. offset + Lanes)</c>.</summary>
    public static string Load(string source, string offset) =>
        offset == "0"
            ? Names.Vector + ".LoadUnsafe(ref " + source + ")"
            : Names.Vector + ".LoadUnsafe(ref " + source + ", " + Index(offset) + ")";

    /// <summary>A statement storing <paramref name="value"/> at <c>destination[offset .. offset + Lanes)</c>.</summary>
    public static string Store(string value, string destination, string offset) =>
        offset == "0"
            ? Names.Vector + ".StoreUnsafe(" + value + ", ref " + destination + ");"
            : Names.Vector + ".StoreUnsafe(" + value + ", ref " + destination + ", " + Index(offset) + ");";

    /// <summary><c>(nuint)j</c> or <c>(nuint)(i * L1Units + j)</c>.</summary>
    private static string Index(string offset)
    {
        foreach (char c in offset)
        {
            if (!char.IsLetterOrDigit(c))
                return "(nuint)(" + offset + ")";
        }

        return "(nuint)" + offset;
    }

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    public static string MultiplyAdd(string a, string b, string c) => Names.Vector + ".MultiplyAddEstimate(" + a + ", " + b + ", " + c + ")";

    /// <summary>A vector of <paramref name="scalar"/> in every lane.</summary>
    public static string Broadcast(string scalar) => "new " + Names.VectorFloat + "(" + scalar + ")";

    /// <summary><c>max(value, 0)</c> lane by lane.</summary>
    public static string Relu(string value) => Names.Vector + ".Max(" + value + ", " + Names.VectorFloat + ".Zero)";

    /// <summary>The sum of the lanes.</summary>
    public static string Sum(string value) => Names.Vector + ".Sum(" + value + ")";

    /// <summary>The lanes of <paramref name="value"/> where <paramref name="mask"/> is set, else 0.</summary>
    public static string Mask(string value, string mask) => Names.Vector + ".BitwiseAnd(" + value + ", " + mask + ")";

    /// <summary>
    /// A mask of the last <c>units % Lanes</c> lanes: the lanes of the vector ending at unit <c>units</c> that the
    /// full vectors before it did not cover.
    /// </summary>
    public static string TailMask(string units) =>
        Names.Vector + ".AsVectorSingle(" + Names.Vector + ".GreaterThanOrEqual(global::System.Numerics.Vector<int>.Indices, new global::System.Numerics.Vector<int>("
        + Lanes + " - " + units + " % " + Lanes + ")))";

    /// <summary><c>ref float name = ref MemoryMarshal.GetArrayDataReference(array)</c> offset by <paramref name="offset"/>.</summary>
    public static string ArrayRef(string name, string array, string offset = "0") => ArrayRef("float", name, array, offset);

    /// <summary><c>ref T name = ref MemoryMarshal.GetArrayDataReference(array)</c> offset by <paramref name="offset"/>.</summary>
    public static string ArrayRef(string type, string name, string array, string offset)
    {
        string start = Names.MemoryMarshal + ".GetArrayDataReference(" + array + ")";
        return "ref " + type + " " + name + " = ref " + (offset == "0" ? start : Names.Unsafe + ".Add(ref " + start + ", " + offset + ")") + ";";
    }

    /// <summary><c>ref float name = ref MemoryMarshal.GetReference(span)</c>.</summary>
    public static string SpanRef(string name, string span) =>
        "ref float " + name + " = ref " + Names.MemoryMarshal + ".GetReference(" + span + ");";
}
