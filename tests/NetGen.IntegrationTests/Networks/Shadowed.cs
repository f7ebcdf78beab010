namespace NetGen.IntegrationTests.Networks.Shadowing;

// Types and members named like the aliases the generated file once declared for its kernels (Vec, Simd, ...), all
// where they would have captured them: in the network's namespace (CS0576), and as members of an enclosing type. The
// generated trainer names every outside type by its global:: name, so it must compile and compute as its twin.
#pragma warning disable CA1812 // never instantiated: these types only have to exist
internal sealed class Vec { }
internal sealed class Simd { }
internal sealed class Unsafe { }
internal sealed class MemoryMarshal { }
internal sealed class VectorBlock { }
internal sealed class Vec4 { }
internal sealed class Simd4 { }
internal sealed class VectorBlock4 { }
#pragma warning restore CA1812

/// <summary>Encloses <see cref="ShadowedAffineReluAffine"/> with members named like the old kernel aliases.</summary>
public partial class Holder
{
    internal static int Vector => 0;
    internal static int Vector128 => 0;
    internal static int VectorBlock128 => 0;

    /// <summary><see cref="AffineReluAffine"/>, declared where every old kernel alias is taken.</summary>
    [Network(6, Loss = Loss.SquaredError, MaxBatch = 16)]
    [Dense(9, Activation.ReLU, BiasInit = Init.XavierUniform)]
    [Dense(3, BiasInit = Init.XavierUniform)]
    public partial class ShadowedAffineReluAffine
    {
    }
}
