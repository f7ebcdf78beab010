extern alias runtime;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Values of the runtime library the generator mirrors (it cannot reference the runtime assembly).</summary>
internal static class RuntimeFacts
{
    /// <summary><c>NetworkAttribute.DefaultMaxBatch</c> of the runtime.</summary>
    public static int DefaultMaxBatch => runtime::NetGen.NetworkAttribute.DefaultMaxBatch;
}
