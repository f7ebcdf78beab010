using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Package.Tests;

/// <summary>
/// The README's quick start, taken apart so that a consumer project can compile it: the first <c>```csharp</c> block
/// that contains <c>[Network(</c>. Its using directives and type declarations are the network declaration, pasted
/// verbatim; its top-level statements (if any) are the usage example, compiled inside a method whose parameters
/// <see cref="DataParameters"/> supply the data they may use.
/// </summary>
/// <param name="Declaration">The using directives and type declarations, verbatim.</param>
/// <param name="Usings">The using directives alone.</param>
/// <param name="Statements">The top-level statements, verbatim (empty when there are none).</param>
/// <param name="TypeName">The network class's name (<c>MnistMlp</c>).</param>
/// <param name="NetworkType">The network class as a fully qualified C# name (<c>global::MnistMlp</c>).</param>
/// <param name="HintName">The file name the generator gives its source (<c>{Namespace}.{Type}.g.cs</c>).</param>
/// <param name="IsClassifier">Whether the loss is softmax cross-entropy (the default), so targets are class labels.</param>
public sealed record QuickStart(
    string Declaration,
    string Usings,
    string Statements,
    string TypeName,
    string NetworkType,
    string HintName,
    bool IsClassifier)
{
    /// <summary>The names the quick start's statements may use for their data.</summary>
    public static readonly IReadOnlyList<string> DataNames = ["images", "labels", "testImages", "testLabels"];

    /// <summary>The parameter list that supplies <see cref="DataNames"/>: inputs as <c>float[]</c>, targets as labels or reals.</summary>
    public string DataParameters => IsClassifier
        ? "float[] images, byte[] labels, float[] testImages, byte[] testLabels"
        : "float[] images, float[] labels, float[] testImages, float[] testLabels";

    /// <summary>Reads the quick start from the README at <paramref name="readmePath"/>.</summary>
    /// <param name="readmePath">The README.</param>
    /// <returns>The quick start, taken apart.</returns>
    /// <exception cref="InvalidOperationException">There is no such block, it does not parse, or it declares no single network.</exception>
    public static QuickStart FromReadme(string readmePath)
    {
        string? block = new MarkdownDocument(File.ReadAllText(readmePath))
            .CodeBlocks("csharp")
            .FirstOrDefault(b => b.Contains("[Network(", StringComparison.Ordinal));
        if (block is null)
            throw new InvalidOperationException($"{readmePath} has no ```csharp block containing '[Network(': the quick start is the first such block.");
        return Parse(block);
    }

    /// <summary>Takes a quick-start code block apart.</summary>
    /// <param name="code">The code block's text.</param>
    /// <returns>The quick start.</returns>
    public static QuickStart Parse(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest));
        // CS8803 (statements after the declaration) is fine here: the two are compiled in different files.
        Diagnostic[] errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8803").ToArray();
        if (errors.Length > 0)
            throw new InvalidOperationException("The README quick start does not parse:\n" + string.Join("\n", errors.Select(e => e.ToString())) + "\n" + code);
        CompilationUnitSyntax root = tree.GetCompilationUnitRoot();

        string usings = string.Concat(root.Externs.Select(e => e.ToFullString())) + string.Concat(root.Usings.Select(u => u.ToFullString()));
        string declarations = string.Concat(root.AttributeLists.Select(a => a.ToFullString()))
            + string.Concat(root.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString()));
        string statements = string.Concat(root.Members.OfType<GlobalStatementSyntax>().Select(s => s.ToFullString()));

        ClassDeclarationSyntax[] networks = root.DescendantNodes()
            .OfType<ClassDeclarationSyntax>()
            .Where(c => NetworkAttribute(c) is not null)
            .ToArray();
        if (networks.Length != 1)
            throw new InvalidOperationException($"The README quick start should declare exactly one [Network] class; found {networks.Length}:\n{code}");
        ClassDeclarationSyntax network = networks[0];

        List<string> names = network.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText).Reverse().ToList();
        List<string> namespaces = network.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).Reverse().ToList();
        string qualified = string.Join(".", namespaces.Concat(names));
        return new QuickStart(
            usings + declarations.TrimEnd() + "\n",
            usings,
            statements,
            network.Identifier.ValueText,
            "global::" + qualified,
            qualified + ".g.cs",
            IsSoftmax(NetworkAttribute(network)!));
    }

    private static AttributeSyntax? NetworkAttribute(ClassDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() is "Network" or "NetworkAttribute" or "NetGen.Network" or "NetGen.NetworkAttribute" or "global::NetGen.Network" or "global::NetGen.NetworkAttribute");

    private static bool IsSoftmax(AttributeSyntax network)
    {
        AttributeArgumentSyntax? loss = network.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Loss");
        return loss is null || loss.Expression.ToString().EndsWith("SoftmaxCrossEntropy", StringComparison.Ordinal);
    }
}
