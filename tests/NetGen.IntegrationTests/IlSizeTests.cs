using System;
using System.Linq;
using System.Reflection;
using NetGen.IntegrationTests.Networks;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>Every generated method stays far below the JIT's MinOpts thresholds, measured in IL bytes.</summary>
public sealed class IlSizeTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bound on any one generated method: 4,000 IL bytes, above the largest method the emitter writes today (the
    /// first-layer forward kernel of the 784-input networks, about 3,000 bytes: a two-row and a one-row register block of
    /// 13 vectors each, fully written out).
    /// RyuJIT switches to MinOpts at 60,000 IL bytes or 20,000 IL instructions (an instruction is at least one byte,
    /// so 4,000 bytes stay 15x and 5x below those), or at 2,000 basic blocks, 2,000 locals or 8,000 local references,
    /// which IL size bounds only loosely; <see cref="JitTests"/> checks those directly by compiling the 784-400-10
    /// network under the JIT and failing on any method it lists as MinOpts. A layer method's size depends on its
    /// register blocking, not on the layer's width, so the bound holds for any shape.
    /// </summary>
    public const int MaxIlBytes = 4000;

    [Fact]
    public void Mnist400_LargestGeneratedMethod_IsBelowTheBound()
    {
        (string Name, int Size)[] sizes = IlSizes(typeof(MnistMlp400));
        foreach ((string name, int size) in sizes.Take(12))
            output.WriteLine($"{name,-24} {size,6} IL bytes");

        Assert.Contains(sizes, entry => entry.Name == "ForwardLayer1");
        Assert.True(sizes[0].Size < MaxIlBytes, $"{sizes[0].Name} has {sizes[0].Size} IL bytes; the bound is {MaxIlBytes}.");
    }

    [Theory]
    [InlineData(typeof(SixtyFourLayers))]
    [InlineData(typeof(MillionUnits))]
    public void ExtremeDeclarations_LargestGeneratedMethod_IsBelowTheBound(Type type)
    {
        (string Name, int Size)[] sizes = IlSizes(type);
        foreach ((string name, int size) in sizes.Take(8))
            output.WriteLine($"{name,-24} {size,6} IL bytes");

        Assert.True(sizes[0].Size < MaxIlBytes, $"{type.Name}.{sizes[0].Name} has {sizes[0].Size} IL bytes; the bound is {MaxIlBytes}.");
    }

    [Fact]
    public void EveryDeclaredNetwork_LargestGeneratedMethod_IsBelowTheBound()
    {
        foreach (string name in NetworkBank.Names)
        {
            Type type = NetworkBank.Create(name).GetType();
            (string method, int size) = IlSizes(type)[0];
            output.WriteLine($"{name,-28} largest: {method} {size} IL bytes");
            Assert.True(size < MaxIlBytes, $"{name}.{method} has {size} IL bytes; the bound is {MaxIlBytes}.");
        }
    }

    /// <summary>Every method the class and its nested types declare (the generated half and the user's), largest first.</summary>
    internal static (string Name, int Size)[] IlSizes(Type type) => Methods(type)
        .Select(method => (method.Name, Size: method.GetMethodBody()?.GetILAsByteArray()?.Length ?? 0))
        .OrderByDescending(entry => entry.Size)
        .ToArray();

    /// <summary>The methods of <paramref name="type"/> and of every type nested in it (the generated machinery is one).</summary>
    private static System.Collections.Generic.IEnumerable<MethodInfo> Methods(Type type) => type
        .GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
        .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(Methods));
}
