namespace NetGen.Generator.Emitting;

/// <summary>One generated source file: the hint name it is added under and its text.</summary>
/// <param name="HintName">Unique per network and part, e.g. <c>Course.Hw0.MnistMlp.Kernels.g.cs</c>.</param>
/// <param name="Text">The C# source.</param>
internal sealed record GeneratedFile(string HintName, string Text);
