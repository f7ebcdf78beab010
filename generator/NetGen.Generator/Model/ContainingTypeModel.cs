namespace NetGen.Generator.Model;

/// <summary>A type that encloses the network class, re-declared as <c>partial {Keyword} {Name}</c> around the output.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
