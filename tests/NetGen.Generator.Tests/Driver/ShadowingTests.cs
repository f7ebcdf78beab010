using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Driver;

/// <summary>
/// The generated trainer names every type outside its own class by its <c>global::</c> name, so no name the user
/// declares around the network (a type in its namespace, a member of an enclosing or base type, a global using alias)
/// can capture a reference in generated code. Each scenario must compile without a warning (the harness checks).
/// </summary>
public sealed class ShadowingTests
{
    /// <summary>Two ReLU layers, a wide one and one narrower than any vector, so both vector widths' kernels are emitted.</summary>
    private const string Layers = "[NetGen.Network(64)] [NetGen.Dense(40, NetGen.Activation.ReLU)] [NetGen.Dense(10)]";

    /// <summary>The names the kernels of the generated file once used as aliases, and the short names of the types they stood for.</summary>
    public static TheoryData<string> KernelNames => new()
    {
        "Vec", "Simd", "Unsafe", "MemoryMarshal", "VectorBlock", "Vec4", "Simd4", "VectorBlock4", "Vector", "Vector128", "VectorBlock128", "Math", "MathF",
    };

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void TypeOfTheNetworksNamespace_NamedLikeAKernelName_DoesNotBreakTheTrainer(string name) =>
        AssertGenerates($"namespace Demo; internal sealed class {name} {{ }} {Layers} public partial class Net {{ }}");

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void TypeOfTheGlobalNamespace_NamedLikeAKernelName_DoesNotBreakATrainerThere(string name) =>
        AssertGenerates($"internal sealed class {name} {{ }} {Layers} public partial class Net {{ }}");

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void MembersOfAnEnclosingType_NamedLikeAKernelName_DoNotBreakTheTrainer(string name) =>
        AssertGenerates($"namespace Demo; public partial class Outer {{ internal sealed class {name}Type {{ }} internal static int {name} = 0; {Layers} public partial class Net {{ }} }}");

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void NestedTypeOfAnEnclosingType_NamedLikeAKernelName_DoesNotBreakTheTrainer(string name) =>
        AssertGenerates($"namespace Demo; public partial class Outer {{ internal sealed class {name} {{ }} {Layers} public partial class Net {{ }} }}");

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void MemberOfTheNetwork_NamedLikeAKernelName_DoesNotBreakTheTrainer(string name) =>
        AssertGenerates($"namespace Demo; {Layers} public partial class Net {{ internal static int {name} => 0; }}");

    [Theory]
    [MemberData(nameof(KernelNames))]
    public void MembersOfABaseClass_NamedLikeAKernelName_DoNotBreakTheTrainer(string name) =>
        AssertGenerates($"namespace Demo; public class Base {{ protected static int {name} = 0; protected sealed class {name}Kind {{ }} }} {Layers} public partial class Net : Base {{ }}");

    [Theory]
    [InlineData("Vec")]
    [InlineData("Unsafe")]
    public void GlobalUsingAlias_NamedLikeAKernelName_DoesNotBreakATrainerInTheGlobalNamespace(string name) =>
        AssertGenerates($"global using {name} = System.String; {Layers} public partial class Net {{ }}");

    private static void AssertGenerates(string source)
    {
        GeneratorRun run = GeneratorDriverHarness.Run(source); // compiles clean, or fails with the compiler's errors
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.SurfaceSources);
    }
}
