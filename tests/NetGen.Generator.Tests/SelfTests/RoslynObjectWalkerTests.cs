using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>The reflection walk that keeps Roslyn objects out of pipeline values finds them where they hide.</summary>
public sealed class RoslynObjectWalkerTests
{
    private sealed record Holder(string Name, ImmutableArray<object> Items);

    [Fact]
    public void SyntaxNodeInsideAnImmutableArrayOfARecord_IsFound()
    {
        SyntaxNode node = CSharpSyntaxTree.ParseText("class A { }").GetRoot();
        var value = new Holder("x", ImmutableArray.Create<object>(1, "two", node));

        string? found = RoslynObjectWalker.FindForbidden(value, "value");

        Assert.NotNull(found);
        Assert.Contains("CompilationUnitSyntax", found, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Symbol_IsFound()
    {
        Compilation compilation = GeneratorDriverHarness.CreateCompilation("class A { }");
        var value = new Holder("x", ImmutableArray.Create<object>(compilation.GetTypeByMetadataName("A")!));

        Assert.NotNull(RoslynObjectWalker.FindForbidden(value, "value"));
    }

    [Fact]
    public void SyntaxTreeDescriptorAndSpan_AreAllowed()
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText("class A { }");
        var descriptor = new DiagnosticDescriptor("X0001", "t", "m", "c", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        var value = new Holder("x", ImmutableArray.Create<object>(tree, descriptor, new Microsoft.CodeAnalysis.Text.TextSpan(1, 2)));

        Assert.Null(RoslynObjectWalker.FindForbidden(value, "value"));
    }
}
