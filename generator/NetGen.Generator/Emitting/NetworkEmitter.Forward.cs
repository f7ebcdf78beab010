using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    /// <summary>Rows of the batch one forward step keeps in registers (and inputs one weight-gradient step does).</summary>
    private const int BlockRows = 4;

    /// <summary>Vectors of units one step keeps in registers per row: 4 x 2 accumulators leave room in 16 registers.</summary>
    private const int BlockVectors = 2;

    /// <summary>Vectors of units a single row keeps in registers: 4 independent chains of fused multiply-adds.</summary>
    private const int SingleRowVectors = 4;

    // private void ForwardLayer1(ReadOnlySpan<float> x, int m)
    // {
    //     // Z1 = ReLU(X W1): 4 rows at a time, 2 vectors of units in registers, over the 784 inputs
    //     for (; r <= m - 4; r += 4) { ...BroadcastKernel... }
    //     for (; r < m; r++) { ... }
    // }
    private static void WriteForwardLayer(SourceWriter writer, NetworkModel model, LayerTerms t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>Layer " + t.N + " forward: <c>" + t.Equation + "</c>, [m x " + Names.Int(layer.Inputs) + "] to [m x " + Names.Int(layer.Units) + "].</summary>");
        WriteGeneratedCode(writer);
        string signature = t.Previous is null
            ? "private void ForwardLayer" + t.N + "(" + Names.ReadOnlySpan + " inputs, int m)"
            : "private void ForwardLayer" + t.N + "(int m)";
        using (writer.Block(signature))
        {
            string input = InputRef(t);
            string weights = "w" + t.N;
            string bias = "b" + t.N;
            string output = t.KeepsPreActivation ? "p" + t.N : "z" + t.N;
            if (t.Previous is not null)
                writer.Line(Simd.ArrayRef(input, "_" + input));
            else
                writer.Line(Simd.SpanRef(input, "inputs"));
            writer.Line(Simd.ArrayRef(weights, "_parameters", t.WeightOffset));
            if (layer.HasBias)
                writer.Line(Simd.ArrayRef(bias, "_parameters", t.BiasOffset));
            writer.Line(Simd.ArrayRef(output, t.AffineField));
            if (layer.Units >= Simd.MinLanes)
                writer.Line(Simd.ZeroDeclaration);
            writer.Line();
            WriteNarrowOrWide(
                writer,
                layer.Units,
                t.UnitsConst,
                narrow: () => WriteForwardNarrow(writer, model, t, InputRef(t), weights, bias, output),
                wide: () => WriteForwardWide(writer, model, t, InputRef(t), weights, bias, output));

            if (t.KeepsPreActivation)
            {
                writer.Line();
                writer.Line("// " + t.Output + " = " + LayerTerms.Apply(layer.Activation, t.Pre));
                string count = "m * " + t.UnitsConst;
                writer.Line(t.ActivationKernel + "(new " + Names.ReadOnlySpan + "(" + t.PreField + ", 0, " + count + "), new " + Names.Span + "(" + t.OutputField + ", 0, " + count + "));");
            }
        }
    }

    /// <summary>The <c>ref float</c> local of a layer's input: <c>x</c> (from the <c>inputs</c> span) or <c>z1</c>, <c>z2</c>, ...</summary>
    private static string InputRef(LayerTerms t) => t.Previous is null ? "x" : "z" + Names.Int(t.Previous.Number);

    /// <summary>
    /// Writes the vector path, the scalar path, or both behind <c>if (units &lt; Lanes)</c>, as the width allows:
    /// a layer of fewer than 4 units never fills a vector, one of 16 or more always does.
    /// </summary>
    private static void WriteNarrowOrWide(SourceWriter writer, int units, string unitsConst, System.Action narrow, System.Action wide)
    {
        if (units < Simd.MinLanes)
        {
            narrow();
            return;
        }

        if (units >= Simd.MaxLanes)
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

    // for (int r = 0; r < m; r++) for (int j = 0; j < units; j++) { s = b[j]; for (i) s += X[r, i] W[i, j]; Z[r, j] = s; }
    private static void WriteForwardNarrow(SourceWriter writer, NetworkModel model, LayerTerms t, string input, string weights, string bias, string output)
    {
        LayerModel layer = t.Layer;
        using (writer.Block("for (int r = 0; r < m; r++)"))
        {
            writer.Line("ref float " + input + "Row0 = " + Simd.At(input, "r * " + t.InputsConst) + ";");
            writer.Line("ref float " + output + "Row0 = " + Simd.At(output, "r * " + t.UnitsConst) + ";");
            using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j++)"))
            {
                writer.Line("float s = " + (layer.HasBias ? Simd.Element(bias, "j") : "0f") + ";");
                writer.Line("for (int i = 0; i < " + t.InputsConst + "; i++)");
                writer.Line("    s += " + Simd.Element(input + "Row0", "i") + " * " + Simd.Element(weights, "i * " + t.UnitsConst + " + j") + ";");
                writer.Line(Simd.Element(output + "Row0", "j") + " = " + (layer.Activation == Activation.ReLU ? "s > 0f ? s : 0f" : "s") + ";");
            }
        }
    }

    // 4 rows at a time, then the rows left one at a time; each: blocks of 2 vectors of units, single vectors, tail.
    private static void WriteForwardWide(SourceWriter writer, NetworkModel model, LayerTerms t, string input, string weights, string bias, string output)
    {
        LayerModel layer = t.Layer;
        string what = t.Output + "[r.., j..] = " + LayerTerms.Apply(layer.Activation, t.Input + "[r.., :] " + t.Weights + "[:, j..]" + (layer.HasBias ? " + " + t.Bias + "[j..]" : string.Empty));
        bool blocked = model.MaxBatch >= BlockRows;
        if (blocked)
        {
            writer.Line("int r = 0;");
            writer.Line("// " + what + ": " + Names.Int(BlockRows) + " rows at a time, " + Names.Int(BlockVectors) + " vectors of units in registers, summed over the inputs"
                + (t.SparseInput ? ", skipping an input that is 0 in all 4 rows" : string.Empty));
            using (writer.Block("for (; r <= m - " + Names.Int(BlockRows) + "; r += " + Names.Int(BlockRows) + ")"))
                WriteForwardRows(writer, t, input, weights, bias, output, BlockRows);
        }

        if (!blocked)
            writer.Line("// " + what + " one row at a time");
        else
            writer.Line("// The rows left over, one at a time, " + Names.Int(SingleRowVectors) + " vectors of units in registers.");
        using (writer.Block(blocked ? "for (; r < m; r++)" : "for (int r = 0; r < m; r++)"))
            WriteForwardRows(writer, t, input, weights, bias, output, 1);
    }

    private static void WriteForwardRows(SourceWriter writer, LayerTerms t, string input, string weights, string bias, string output, int rows)
    {
        LayerModel layer = t.Layer;
        for (int k = 0; k < rows; k++)
        {
            string row = k == 0 ? "r" : "(r + " + Names.Int(k) + ")";
            writer.Line("ref float " + input + "Row" + Names.Int(k) + " = " + Simd.At(input, row + " * " + t.InputsConst) + ";");
        }

        for (int k = 0; k < rows; k++)
        {
            string row = k == 0 ? "r" : "(r + " + Names.Int(k) + ")";
            writer.Line("ref float " + output + "Row" + Names.Int(k) + " = " + Simd.At(output, row + " * " + t.UnitsConst) + ";");
        }

        var kernel = new BroadcastKernel(
            rows,
            counter: "i",
            bound: t.InputsConst,
            scalar: k => Simd.Element(input + "Row" + Names.Int(k), "i"),
            matrix: weights,
            rowStart: "i * " + t.UnitsConst,
            skipZeros: t.SparseInput,
            init: (k, offset) => layer.HasBias ? Simd.Load(bias, offset) : Simd.Zero,
            store: (w, k, offset, accumulator, tail) =>
                w.Line(Simd.Store(layer.Activation == Activation.ReLU ? Simd.Relu(accumulator) : accumulator, output + "Row" + Names.Int(k), offset)));
        string rowIndex = rows == 1 ? "r" : "r + k";
        kernel.AccumulateComment = "s[k][c] = " + (layer.HasBias ? t.Bias + "[j + c Lanes ..] + " : string.Empty) + "sum over i of "
            + t.Input + "[" + rowIndex + ", i] " + t.Weights + "[i, j + c Lanes ..]";
        kernel.StoreComment = (t.KeepsPreActivation ? t.Pre : t.Output) + "[" + rowIndex + ", j + c Lanes ..] = "
            + (layer.Activation == Activation.ReLU ? "ReLU(s[k][c])" : "s[k][c]");
        kernel.WriteUnits(writer, t.UnitsConst, layer.Units, rows == 1 ? SingleRowVectors : BlockVectors);
    }
}
