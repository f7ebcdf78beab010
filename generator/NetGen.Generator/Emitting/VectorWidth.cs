using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The vector type a kernel is written for, and the names of its operations in the generated file: the natural width,
/// <c>Vector&lt;float&gt;</c> (4, 8 or 16 floats, the JIT's choice), or 128 bits (4 floats) for a layer narrower than
/// the natural vector (a 10-unit output layer at 16 lanes), which would otherwise run one float at a time.
/// </summary>
internal sealed class VectorWidth
{
    private VectorWidth(string type, string ops, string block, string lanes, int fewestLanes, int mostLanes, string step)
    {
        Type = type;
        Ops = ops;
        Block = block;
        Lanes = lanes;
        FewestLanes = fewestLanes;
        MostLanes = mostLanes;
        Step = step;
    }

    /// <summary><c>Vector&lt;float&gt;</c>, <c>Vector</c>, <c>VectorBlock</c>, <c>Lanes</c>.</summary>
    public static VectorWidth Natural { get; } = new(Names.VectorFloat, Names.Vector, Names.VectorBlock, Simd.Lanes, Simd.MinLanes, Simd.MaxLanes, "step");

    /// <summary><c>Vector128&lt;float&gt;</c>, <c>Vector128</c>, <c>VectorBlock128</c>, 4 lanes.</summary>
    public static VectorWidth Narrow { get; } = new(Names.Vector128Float, Names.Vector128, Names.VectorBlock128, "4", 4, 4, "step4");

    /// <summary>The vector type's <c>global::</c> name.</summary>
    public string Type { get; }

    /// <summary>The <c>global::</c> name of its static operations (load, store, fused multiply-add, ...).</summary>
    public string Ops { get; }

    /// <summary>The <c>global::</c> name of its <c>VectorBlock</c> layout helpers.</summary>
    public string Block { get; }

    /// <summary>Its floats per vector, as written in the generated code: <c>Lanes</c> or <c>4</c>.</summary>
    public string Lanes { get; }

    /// <summary>The fewest floats it holds on any machine.</summary>
    public int FewestLanes { get; }

    /// <summary>The most floats it holds on any machine.</summary>
    public int MostLanes { get; }

    /// <summary>The name of the <c>-learningRate</c> vector an update kernel declares.</summary>
    public string Step { get; }

    /// <summary>The register block of <paramref name="kernel"/> at this width.</summary>
    public RegisterBlock BlockOf(KernelPlan kernel) => this == Narrow ? kernel.Narrow : kernel.Natural;

    /// <summary><c>Simd.LoadUnsafe(ref source, (nuint)offset)</c>.</summary>
    public string Load(string source, string offset) =>
        offset == "0" ? Ops + ".LoadUnsafe(ref " + source + ")" : Ops + ".LoadUnsafe(ref " + source + ", " + Index(offset) + ")";

    /// <summary>A statement storing <paramref name="value"/> at <c>destination[offset ..]</c>.</summary>
    public string Store(string value, string destination, string offset) =>
        offset == "0"
            ? Ops + ".StoreUnsafe(" + value + ", ref " + destination + ");"
            : Ops + ".StoreUnsafe(" + value + ", ref " + destination + ", " + Index(offset) + ");";

    /// <summary><c>a * b + c</c>, fused where the hardware has FMA.</summary>
    public string MultiplyAdd(string a, string b, string c) => Ops + ".MultiplyAddEstimate(" + a + ", " + b + ", " + c + ")";

    /// <summary>A vector of <paramref name="scalar"/> in every lane.</summary>
    public string Broadcast(string scalar) => this == Narrow ? Ops + ".Create(" + scalar + ")" : "new " + Type + "(" + scalar + ")";

    /// <summary><c>max(value, 0)</c> lane by lane.</summary>
    public string Relu(string value) => Ops + ".Max(" + value + ", " + Zero + ")";

    /// <summary>The zero vector.</summary>
    public string Zero => Type + ".Zero";

    /// <summary><c>(nuint)j</c> or <c>(nuint)(j + at1)</c>.</summary>
    private static string Index(string offset)
    {
        foreach (char c in offset)
        {
            if (!char.IsLetterOrDigit(c))
                return "(nuint)(" + offset + ")";
        }

        return "(nuint)" + offset;
    }
}
