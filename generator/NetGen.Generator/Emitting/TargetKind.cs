using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The element type of one overload's targets and how the generated code passes them on: class labels as
/// <c>byte</c> (widened into the network's <c>int</c> label buffer) or <c>int</c>, or real targets as <c>float</c>.
/// </summary>
internal sealed class TargetKind
{
    private TargetKind(string type, bool isLabels)
    {
        Type = type;
        IsLabels = isLabels;
    }

    public static TargetKind Bytes { get; } = new("byte", isLabels: true);

    public static TargetKind Ints { get; } = new("int", isLabels: true);

    public static TargetKind Floats { get; } = new("float", isLabels: false);

    /// <summary><c>byte</c>, <c>int</c> or <c>float</c>.</summary>
    public string Type { get; }

    public bool IsLabels { get; }

    /// <summary><c>global::System.ReadOnlySpan&lt;byte&gt;</c>.</summary>
    public string SpanType => Names.ReadOnlySpanOf + "<" + Type + ">";

    /// <summary>The overloads a network offers: byte and int labels for a classifier, float targets otherwise.</summary>
    public static TargetKind[] For(NetworkPlan plan) => plan.IsClassifier ? new[] { Bytes, Ints } : new[] { Floats };

    /// <summary>The target type of the private passes: <c>ReadOnlySpan&lt;int&gt;</c> labels or <c>ReadOnlySpan&lt;float&gt;</c> rows.</summary>
    public static string CoreSpanType(NetworkPlan plan) => (plan.IsClassifier ? Ints : Floats).SpanType;

    /// <summary>The expression that hands the targets of rows [start, start + m) to a private pass.</summary>
    public string Rows(string targets, string start, string m)
    {
        string slice = start == "0" ? targets : targets + ".Slice(" + start + ", " + m + ")";
        if (!IsLabels)
            slice = start == "0" ? targets : targets + ".Slice(" + start + " * OutputSize, " + m + " * OutputSize)";
        return this == Bytes ? "WidenLabels(" + slice + ")" : slice;
    }

    /// <summary>How the docs describe the targets.</summary>
    public string Description(string rows) => IsLabels
        ? "One class label per row, from 0 to OutputSize - 1 (" + rows + " of them)."
        : "Row-major <c>[" + rows + " x OutputSize]</c> real targets.";
}
