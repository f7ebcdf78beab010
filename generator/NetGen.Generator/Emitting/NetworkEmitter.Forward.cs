using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void ForwardLayer1(ReadOnlySpan<float> inputs, int first, int end, Workspace work)
    // {
    //     // Z1 = ReLU(X W1): 2 rows at a time, over the inputs nonzero in either row, 13 vectors of units in registers
    //     for (; r <= end - 2; r += 2) { count = Sparse.UnionOfRows(...); ...BroadcastKernel... }
    //     for (; r < end; r++) { the same for one row }
    // }
    private static void WriteForwardLayer(SourceWriter writer, NetworkPlan plan, LayerPlan t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>Layer " + t.N + " forward: <c>" + t.Equation + "</c> for rows <c>[first, end)</c>, [m x " + Names.Int(layer.Inputs) + "] to [m x " + Names.Int(layer.Units) + "].</summary>");
        WriteKernelAttributes(writer);
        using (writer.Block(ForwardSignature(t)))
        {
            string input = InputRef(t);
            string output = t.KeepsPreActivation ? "p" + t.N : "z" + t.N;
            if (!t.IsFirst)
                writer.Line(Simd.ArrayRef(input, "_" + input));
            else
                writer.Line(Simd.SpanRef(input, "inputs"));
            writer.Line(Simd.ArrayRef("w" + t.N, "_parameters", t.WeightOffset));
            if (layer.HasBias)
                writer.Line(Simd.ArrayRef("b" + t.N, "_parameters", t.BiasOffset));
            writer.Line(Simd.ArrayRef(output, t.AffineField));
            if (t.ListsInputs && t.Forward.IsVectorized)
            {
                writer.Line(Simd.ArrayRef("int", "positions", "work.Positions", "0"));
                writer.Line(Simd.ArrayRef("values", "work.Values"));
            }

            writer.Line();
            WriteByWidth(
                writer,
                t.Forward.Fit,
                t.UnitsConst,
                scalar: () => WriteForwardNarrow(writer, t, input, output),
                vector: width => WriteForwardWide(writer, t, input, output, width));

            if (t.KeepsPreActivation)
            {
                writer.Line();
                writer.Line("// " + t.Output + " = " + LayerPlan.Apply(layer.Activation, t.Pre));
                string range = "first * " + t.UnitsConst + ", (end - first) * " + t.UnitsConst;
                writer.Line(t.ActivationCall("new " + Names.ReadOnlySpan + "(" + t.PreField + ", " + range + ")", "new " + Names.Span + "(" + t.OutputField + ", " + range + ")") + ";");
            }
        }
    }

    /// <summary><c>private void ForwardLayer1(ReadOnlySpan&lt;float&gt; inputs, int first, int end, Workspace work)</c> or <c>ForwardLayer2(int first, int end)</c>.</summary>
    private static string ForwardSignature(LayerPlan t) =>
        "private void ForwardLayer" + t.N + "(" + (t.IsFirst ? Names.ReadOnlySpan + " inputs, " : string.Empty) + "int first, int end"
        + (t.ListsInputs ? ", Workspace work" : string.Empty) + ")";

    /// <summary><c>ForwardLayer1(inputs, first, end, work);</c> or <c>ForwardLayer2(first, end);</c>.</summary>
    private static string ForwardCall(LayerPlan t, string first, string end, string work) =>
        "ForwardLayer" + t.N + "(" + (t.IsFirst ? "inputs, " : string.Empty) + first + ", " + end + (t.ListsInputs ? ", " + work : string.Empty) + ");";

    /// <summary>The <c>ref float</c> local of a layer's input: <c>x</c> (from the <c>inputs</c> span) or <c>z1</c>, <c>z2</c>, ...</summary>
    private static string InputRef(LayerPlan t) => t.IsFirst ? "x" : "z" + t.PreviousN;

    /// <summary>
    /// Writes a kernel for the layer's width: the scalar one below 4 units; from 16 units the <c>Vector&lt;float&gt;</c>
    /// one; in between both vector kernels, behind <c>if (units &lt; Lanes)</c>: 128-bit vectors when the layer is narrower
    /// than <c>Vector&lt;float&gt;</c> (a 10-unit layer at 16 lanes), the natural width otherwise. The JIT keeps one.
    /// </summary>
    private static void WriteByWidth(SourceWriter writer, UnitFit fit, string unitsConst, System.Action scalar, System.Action<VectorWidth> vector)
    {
        if (fit == UnitFit.Scalar)
        {
            scalar();
            return;
        }

        if (fit == UnitFit.Vector)
        {
            vector(VectorWidth.Natural);
            return;
        }

        using (writer.Block("if (" + unitsConst + " < " + Simd.Lanes + ")"))
        {
            writer.Line("// Fewer units than Vector<float> holds: 128-bit vectors of 4 floats.");
            vector(VectorWidth.Narrow);
        }

        using (writer.Block("else"))
            vector(VectorWidth.Natural);
    }

    /// <summary>
    /// Writes the vector path, the scalar path, or both behind <c>if (units &lt; Lanes)</c>, as the width allows:
    /// a layer of fewer than 4 units never fills a vector, one of 16 or more always does.
    /// </summary>
    private static void WriteNarrowOrWide(SourceWriter writer, UnitFit fit, string unitsConst, System.Action narrow, System.Action wide)
    {
        if (fit == UnitFit.Scalar)
        {
            narrow();
            return;
        }

        if (fit == UnitFit.Vector)
        {
            wide();
            return;
        }

        using (writer.Block("if (" + unitsConst + " < " + Simd.Lanes + ")"))
        {
            writer.Line("// Fewer units than one vector holds: one float at a time.");
            narrow();
        }

        using (writer.Block("else"))
            wide();
    }

    // for (int r = first; r < end; r++) { float s0 = b[0], s1 = b[1], ...; for (i) { a = X[r, i]; s0 += a W[i, 0]; ... } Z[r, :] = s }
    private static void WriteForwardNarrow(SourceWriter writer, LayerPlan t, string input, string output)
    {
        LayerModel layer = t.Layer;
        using (writer.Block("for (int r = first; r < end; r++)"))
        {
            writer.Line("ref float in0 = " + Simd.At(input, "r * " + t.InputsConst) + ";");
            writer.Line("ref float out0 = " + Simd.At(output, "r * " + t.UnitsConst) + ";");
            WriteScalarAccumulators(
                writer,
                layer.Units,
                init: j => layer.HasBias ? Simd.Element("b" + t.N, Names.Int(j)) : "0f",
                loop: "for (int i = 0; i < " + t.InputsConst + "; i++)",
                scalar: Simd.Element("in0", "i"),
                row: Simd.At("w" + t.N, "i * " + t.UnitsConst),
                store: j => Simd.Element("out0", Names.Int(j)) + " = " + (layer.Activation == Activation.ReLU ? "s" + Names.Int(j) + " > 0f ? s" + Names.Int(j) + " : 0f" : "s" + Names.Int(j)) + ";");
        }
    }

    /// <summary>
    /// The scalar form of the broadcast kernel, for rows narrower than a vector: one accumulator per unit, unrolled, so
    /// that the sums are independent chains: <c>s_j (+)= a * row[j]</c> over the steps of <paramref name="loop"/>.
    /// </summary>
    private static void WriteScalarAccumulators(SourceWriter writer, int units, System.Func<int, string> init, string loop, string scalar, string row, System.Func<int, string> store)
    {
        for (int j = 0; j < units; j += 4)
        {
            int n = System.Math.Min(4, units - j);
            writer.Line("float " + string.Join(", ", Enumerable.Range(j, n).Select(u => "s" + Names.Int(u) + " = " + init(u))) + ";");
        }

        using (writer.Block(loop))
        {
            writer.Line("float a = " + scalar + ";");
            writer.Line("ref float row = " + row + ";");
            for (int j = 0; j < units; j += 4)
            {
                int n = System.Math.Min(4, units - j);
                writer.Line(string.Join(" ", Enumerable.Range(j, n).Select(u => "s" + Names.Int(u) + " += a * " + Simd.Element("row", Names.Int(u)) + ";")));
            }
        }

        for (int j = 0; j < units; j++)
            writer.Line(store(j));
    }

    // Blocks of the plan's rows, then the rows left over one at a time; each a BroadcastKernel over the inputs (or the list of nonzero ones).
    private static void WriteForwardWide(SourceWriter writer, LayerPlan t, string input, string output, VectorWidth width)
    {
        LayerModel layer = t.Layer;
        RegisterBlock registers = width.BlockOf(t.Forward);
        int vectors = registers.Vectors;
        int rows = registers.Rows;
        string what = t.Output + "[r, :] = " + LayerPlan.Apply(layer.Activation, t.Input + "[r, :] " + t.Weights + (layer.HasBias ? " + " + t.Bias : string.Empty));
        string over = t.ListsInputs ? "over the inputs nonzero in any of them" : "over every input";
        writer.Line("int r = first;");
        if (rows > 1)
        {
            writer.Line("// " + what + ": " + Names.Int(rows) + " rows at a time, " + over + ", up to " + Names.Int(vectors) + " vectors of units per row in registers");
            using (writer.Block("for (; r <= end - " + Names.Int(rows) + "; r += " + Names.Int(rows) + ")"))
                WriteForwardRows(writer, t, input, output, rows, vectors, width);
            writer.Line("// The rows left over, one at a time.");
        }
        else
        {
            writer.Line("// " + what + ": one row at a time, " + over + ", up to " + Names.Int(vectors) + " vectors of units in registers");
        }

        using (writer.Block("for (; r < end; r++)"))
            WriteForwardRows(writer, t, input, output, 1, vectors, width);
    }

    private static void WriteForwardRows(SourceWriter writer, LayerPlan t, string input, string output, int rows, int vectors, VectorWidth width)
    {
        LayerModel layer = t.Layer;
        if (t.ListsInputs)
        {
            writer.Line("int count = " + Names.Sparse + ".UnionOfRows(inputs, " + t.InputsConst + ", r, " + Names.Int(rows) + ", " + t.UnitsConst
                + ", work.Positions, work.Values, ListStride);");
        }
        else
        {
            for (int k = 0; k < rows; k++)
                writer.Line("ref float in" + Names.Int(k) + " = " + Simd.At(input, Row("r", k) + " * " + t.InputsConst) + ";");
        }

        for (int k = 0; k < rows; k++)
            writer.Line("ref float out" + Names.Int(k) + " = " + Simd.At(output, Row("r", k) + " * " + t.UnitsConst) + ";");

        var kernel = new BroadcastKernel
        {
            Width = width,
            Sources = rows,
            MaxVectors = vectors,
            Units = t.UnitsConst,
            UnitCount = layer.Units,
            Matrix = "w" + t.N,
            Loop = t.ListsInputs ? "for (int k = 0; k < count; k++)" : "for (int i = 0; i < " + t.InputsConst + "; i++)",
            RowOffset = t.ListsInputs ? Names.Unsafe + ".Add(ref positions, k)" : "i * " + t.UnitsConst,
            Scalar = k => t.ListsInputs ? ListValue(k) : Simd.Element("in" + Names.Int(k), "i"),
            Init = (k, unit) => layer.HasBias ? width.Load("b" + t.N, unit) : width.Zero,
            Store = (w, k, c, accumulator, unit) =>
                w.Line(width.Store(layer.Activation == Activation.ReLU ? width.Relu(accumulator) : accumulator, "out" + Names.Int(k), unit)),
        };
        kernel.Write(writer);
    }

    /// <summary>Row <c>r + k</c> of a block, as an expression: <c>r</c>, <c>(r + 1)</c>, ...</summary>
    private static string Row(string r, int k) => k == 0 ? r : "(" + r + " + " + Names.Int(k) + ")";

    /// <summary>The value of block row <paramref name="row"/> at list entry <c>k</c> (each row's values are a list of their own).</summary>
    private static string ListValue(int row) => Simd.Element("values", row == 0 ? "k" : row == 1 ? "ListStride + k" : Names.Int(row) + " * ListStride + k");
}
