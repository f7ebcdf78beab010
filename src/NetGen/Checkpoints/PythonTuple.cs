using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace NetGen.Checkpoints;

/// <summary>
/// A Python tuple read by <see cref="PythonLiteralParser"/>, kept apart from a list (<c>[...]</c>) because the
/// <c>.npy</c> format requires the shape to be a tuple.
/// </summary>
internal sealed class PythonTuple
{
    /// <summary>Wraps the items of a tuple.</summary>
    /// <param name="items">The items, in order.</param>
    public PythonTuple(IList<object?> items) => Items = new ReadOnlyCollection<object?>(items);

    /// <summary>The items, in order: strings, <see cref="long"/> integers, booleans, <see langword="null"/> for <c>None</c>, tuples, lists or dicts.</summary>
    public IReadOnlyList<object?> Items { get; }
}
