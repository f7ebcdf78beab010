using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>The signatures of the per-layer kernels and the calls of them, which the passes and the threading write.</summary>
internal static class KernelCalls
{
    /// <summary><c>private void ForwardLayer1(ReadOnlySpan&lt;float&gt; inputs, int first, int end, Workspace work)</c> or <c>ForwardLayer2(int first, int end)</c>.</summary>
    internal static string ForwardSignature(LayerPlan t) =>
        "private void ForwardLayer" + t.N + "(" + (t.IsFirst ? Names.ReadOnlySpan + " inputs, " : string.Empty) + "int first, int end"
        + (t.ListsInputs ? ", Workspace work" : string.Empty) + ")";

    /// <summary><c>ForwardLayer1(inputs, first, end, work);</c> or <c>ForwardLayer2(first, end);</c>.</summary>
    internal static string ForwardCall(LayerPlan t, string first, string end, string work) =>
        "ForwardLayer" + t.N + "(" + (t.IsFirst ? "inputs, " : string.Empty) + first + ", " + end + (t.ListsInputs ? ", " + work : string.Empty) + ");";

    /// <summary>The <c>ref float</c> local of a layer's input: <c>x</c> (from the <c>inputs</c> span) or <c>z1</c>, <c>z2</c>, ...</summary>
    internal static string InputRef(LayerPlan t) => t.IsFirst ? "x" : "z" + t.PreviousN;

    /// <summary><c>private void UpdateLayer1(ReadOnlySpan&lt;float&gt; inputs, int m, int firstInput, int endInput, float learningRate, Workspace work)</c>.</summary>
    internal static string WeightsSignature(string method, LayerPlan t, string extra) =>
        "private void " + method + t.N + "(" + (t.IsFirst ? Names.ReadOnlySpan + " inputs, " : string.Empty)
        + "int m, int firstInput, int endInput" + extra + (t.ListsInputs ? ", Workspace work" : string.Empty) + ")";

    /// <summary><c>UpdateLayer1(inputs, m, first, end, learningRate, work);</c> and the like.</summary>
    internal static string WeightsCall(string method, LayerPlan t, string first, string end, string extra, string work) =>
        method + t.N + "(" + (t.IsFirst ? "inputs, " : string.Empty) + "m, " + first + ", " + end + extra + (t.ListsInputs ? ", " + work : string.Empty) + ");";
}
