using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void BackwardLayer2(int m)
    // {
    //     // dW2 = Z1^T G2: 4 inputs at a time, 2 vectors of units in registers, over the batch
    //     // db2 = 1^T G2
    // }
    private static void WriteBackwardLayer(SourceWriter writer, NetworkModel model, LayerTerms t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " backward: <c>d" + t.Weights + " = " + t.Input + "^T " + t.Delta + "</c>"
            + (layer.HasBias ? " and <c>d" + t.Bias + " = 1^T " + t.Delta + "</c>" : string.Empty) + ", into <see cref=\"Gradients\"/>.");
        writer.Line("/// " + t.Delta + " already carries the batch reduction (1/m for the mean), so no further scaling.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block(LayerSignature("BackwardLayer", t, string.Empty)))
        {
            WriteParameterGradientBody(writer, model, t, update: false);
        }
    }

    // private void UpdateLayer2(int m, float learningRate)
    // {
    //     // W2 -= learningRate Z1^T G2, b2 -= learningRate 1^T G2, without storing the gradient
    // }
    private static void WriteUpdateLayer(SourceWriter writer, NetworkModel model, LayerTerms t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " SGD step, fused with its gradient: <c>" + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta + "</c>"
            + (layer.HasBias ? " and <c>" + t.Bias + " -= learningRate 1^T " + t.Delta + "</c>" : string.Empty) + ".");
        writer.Line("/// Call it after the layer's " + (t.Previous is null ? "gradients are done" : "<c>G" + Names.Int(layer.Index) + "</c> has been taken from the old weights") + ".");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block(LayerSignature("UpdateLayer", t, ", float learningRate")))
        {
            WriteParameterGradientBody(writer, model, t, update: true);
        }
    }

    private static string LayerSignature(string method, LayerTerms t, string extra) =>
        t.Previous is null
            ? "private void " + method + t.N + "(" + Names.ReadOnlySpan + " inputs, int m" + extra + ")"
            : "private void " + method + t.N + "(int m" + extra + ")";

    private static void WriteParameterGradientBody(SourceWriter writer, NetworkModel model, LayerTerms t, bool update)
    {
        LayerModel layer = t.Layer;
        string input = InputRef(t);
        string delta = "g" + t.N;
        string weights = (update ? "w" : "dw") + t.N;
        string bias = (update ? "b" : "db") + t.N;
        string buffer = update ? "_parameters" : "_gradients";
        if (t.Previous is null)
            writer.Line(Simd.SpanRef(input, "inputs"));
        else
            writer.Line(Simd.ArrayRef(input, "_" + input));
        writer.Line(Simd.ArrayRef(delta, t.DeltaField));
        writer.Line(Simd.ArrayRef(weights, buffer, t.WeightOffset));
        if (layer.HasBias)
            writer.Line(Simd.ArrayRef(bias, buffer, t.BiasOffset));
        bool wide = layer.Units >= Simd.MinLanes;
        if (wide)
            writer.Line(Simd.ZeroDeclaration);
        if (update && wide)
        {
            writer.Line("var step = " + Simd.Broadcast("-learningRate") + ";");
            writer.Line("var tail = " + Simd.TailMask(t.UnitsConst) + ";");
        }

        writer.Line();
        string equation = update
            ? t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta
            : "d" + t.Weights + " = " + t.Input + "^T " + t.Delta;
        WriteNarrowOrWide(
            writer,
            layer.Units,
            t.UnitsConst,
            narrow: () =>
            {
                writer.Line("// " + equation + ": one weight at a time");
                WriteWeightGradientNarrow(writer, t, input, delta, weights, update);
            },
            wide: () => WriteWeightGradientWide(writer, t, input, delta, weights, update, equation));

        if (!layer.HasBias)
            return;
        writer.Line();
        writer.Line(update
            ? "// " + t.Bias + " -= learningRate 1^T " + t.Delta + ": the column sums of " + t.Delta
            : "// d" + t.Bias + " = 1^T " + t.Delta + ": the column sums of " + t.Delta);
        WriteNarrowOrWide(
            writer,
            layer.Units,
            t.UnitsConst,
            narrow: () => WriteBiasGradientNarrow(writer, t, delta, bias, update),
            wide: () => WriteBiasGradientWide(writer, t, delta, bias, update));
    }

    private static void WriteWeightGradientNarrow(SourceWriter writer, LayerTerms t, string input, string delta, string weights, bool update)
    {
        using (writer.Block("for (int i = 0; i < " + t.InputsConst + "; i++)"))
        {
            using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j++)"))
            {
                writer.Line("float s = 0f;");
                writer.Line("for (int b = 0; b < m; b++)");
                writer.Line("    s += " + Simd.Element(input, "b * " + t.InputsConst + " + i") + " * " + Simd.Element(delta, "b * " + t.UnitsConst + " + j") + ";");
                string target = Simd.Element(weights, "i * " + t.UnitsConst + " + j");
                writer.Line(update ? target + " -= learningRate * s;" : target + " = s;");
            }
        }
    }

    // for (; i <= inputs - 4; i += 4) { rows of dW; BroadcastKernel over b }  for (; i < inputs; i++) { ... }
    private static void WriteWeightGradientWide(SourceWriter writer, LayerTerms t, string input, string delta, string weights, bool update, string equation)
    {
        LayerModel layer = t.Layer;
        bool blocked = layer.Inputs >= BlockRows;
        string skip = t.SparseInput ? ", skipping a row whose " + Names.Int(BlockRows) + " inputs are all 0" : string.Empty;
        if (blocked)
        {
            writer.Line("// " + equation + ": " + Names.Int(BlockRows) + " inputs i at a time, " + Names.Int(BlockVectors) + " vectors of units in registers, summed over the batch" + skip);
            writer.Line(layer.Inputs % BlockRows == 0 ? "for (int i = 0; i < " + t.InputsConst + "; i += " + Names.Int(BlockRows) + ")" : "int i = 0;");
            if (layer.Inputs % BlockRows != 0)
                writer.Line("for (; i <= " + t.InputsConst + " - " + Names.Int(BlockRows) + "; i += " + Names.Int(BlockRows) + ")");
            using (writer.Block())
                WriteWeightGradientRows(writer, t, input, delta, weights, update, BlockRows);
            if (layer.Inputs % BlockRows == 0)
                return;
            writer.Line("// The " + Names.Int(layer.Inputs % BlockRows) + " inputs left over, one at a time, " + Names.Int(SingleRowVectors) + " vectors of units in registers.");
        }
        else
        {
            writer.Line("// " + equation + ": one input i at a time, " + Names.Int(SingleRowVectors) + " vectors of units in registers, summed over the batch");
        }

        using (writer.Block(blocked ? "for (; i < " + t.InputsConst + "; i++)" : "for (int i = 0; i < " + t.InputsConst + "; i++)"))
            WriteWeightGradientRows(writer, t, input, delta, weights, update, 1);
    }

    private static void WriteWeightGradientRows(SourceWriter writer, LayerTerms t, string input, string delta, string weights, bool update, int rows)
    {
        for (int k = 0; k < rows; k++)
        {
            string row = k == 0 ? "i" : "(i + " + Names.Int(k) + ")";
            writer.Line("ref float " + weights + "Row" + Names.Int(k) + " = " + Simd.At(weights, row + " * " + t.UnitsConst) + ";");
        }

        var kernel = new BroadcastKernel(
            rows,
            counter: "b",
            bound: "m",
            scalar: k => Simd.Element(input, "b * " + t.InputsConst + " + i" + (k == 0 ? string.Empty : " + " + Names.Int(k))),
            matrix: delta,
            rowStart: "b * " + t.UnitsConst,
            skipZeros: t.SparseInput,
            init: (k, offset) => Simd.Zero,
            store: (w, k, offset, accumulator, tail) => WriteGradientStore(w, weights + "Row" + Names.Int(k), offset, accumulator, tail, update));
        kernel.MaskTail = update;
        string inputIndex = rows == 1 ? "i" : "i + k";
        kernel.AccumulateComment = "s[k][c] = sum over the rows b of " + t.Input + "[b, " + inputIndex + "] " + t.Delta + "[b, j + c Lanes ..]";
        kernel.StoreComment = update
            ? t.Weights + "[" + inputIndex + ", j + c Lanes ..] -= learningRate s[k][c]"
            : "d" + t.Weights + "[" + inputIndex + ", j + c Lanes ..] = s[k][c]";
        kernel.WriteUnits(writer, t.UnitsConst, t.Layer.Units, rows == 1 ? SingleRowVectors : BlockVectors);
    }

    /// <summary>
    /// Stores a gradient vector, or applies it: <c>W -= learningRate * s</c>. In the single-vector loop only the lanes
    /// in <c>keep</c> change: the last vector's first lanes were updated by the vector before.
    /// </summary>
    private static void WriteGradientStore(SourceWriter writer, string row, string offset, string accumulator, bool tail, bool update)
    {
        if (!update)
        {
            writer.Line(Simd.Store(accumulator, row, offset));
            return;
        }

        string old = "w" + accumulator.Substring(1);
        string updated = Simd.MultiplyAdd(accumulator, "step", old);
        writer.Line("var " + old + " = " + Simd.Load(row, offset) + ";");
        writer.Line(Simd.Store(tail ? Simd.Select("keep", updated, old) : updated, row, offset));
    }

    private static void WriteBiasGradientNarrow(SourceWriter writer, LayerTerms t, string delta, string bias, bool update)
    {
        using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j++)"))
        {
            writer.Line("float s = 0f;");
            writer.Line("for (int b = 0; b < m; b++)");
            writer.Line("    s += " + Simd.Element(delta, "b * " + t.UnitsConst + " + j") + ";");
            string target = Simd.Element(bias, "j");
            writer.Line(update ? target + " -= learningRate * s;" : target + " = s;");
        }
    }

    // for (int j = 0; j < units; j += Lanes) { clamp the last vector to end at the last unit; sum the column block }
    private static void WriteBiasGradientWide(SourceWriter writer, LayerTerms t, string delta, string bias, bool update)
    {
        using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j += " + Simd.Lanes + ")"))
        {
            if (update)
                writer.Line("var keep = j > " + t.UnitsConst + " - " + Simd.Lanes + " ? tail : " + Names.VectorFloat + ".AllBitsSet;");
            writer.Line("j = " + Names.Math + ".Min(j, " + t.UnitsConst + " - " + Simd.Lanes + "); // the last vector ends at the last unit");
            writer.Line("var s = " + Simd.Zero + ";");
            writer.Line("for (int b = 0; b < m; b++)");
            writer.Line("    s += " + Simd.Load(delta, "b * " + t.UnitsConst + " + j") + ";");
            if (update)
            {
                string old = Simd.Load(bias, "j");
                writer.Line(Simd.Store(Simd.Select("keep", Simd.MultiplyAdd("s", "step", old), old), bias, "j"));
            }
            else
            {
                writer.Line(Simd.Store("s", bias, "j"));
            }
        }
    }
}
