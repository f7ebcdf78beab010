using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void BackwardLayer2(int m, int firstInput, int endInput)
    // {
    //     // dW2 = Z1^T G2 for inputs [firstInput, endInput): 4 inputs at a time, over the batch, vectors of units in registers
    //     // db2 = 1^T G2 (by the piece that starts at input 0)
    // }
    private static void WriteBackwardLayer(SourceWriter writer, NetworkPlan plan, LayerPlan t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " backward: <c>d" + t.Weights + " = " + t.Input + "^T " + t.Delta + "</c> for the weights of inputs <c>[firstInput, endInput)</c>"
            + (layer.HasBias ? ", and <c>d" + t.Bias + " = 1^T " + t.Delta + "</c> with the piece that starts at input 0" : string.Empty) + ", into <see cref=\"Gradients\"/>.");
        writer.Line("/// " + t.Delta + " already carries the batch reduction (1/m for the mean), so no further scaling.");
        writer.Line("/// </summary>");
        WriteKernelAttributes(writer);
        using (writer.Block(WeightsSignature("BackwardLayer", t, string.Empty)))
        {
            WriteParameterGradientBody(writer, plan, t, update: false);
        }
    }

    // private void UpdateLayer2(int m, int firstInput, int endInput, float learningRate)
    // {
    //     // W2 -= learningRate Z1^T G2 for inputs [firstInput, endInput), b2 -= learningRate 1^T G2, without storing the gradient
    // }
    private static void WriteUpdateLayer(SourceWriter writer, NetworkPlan plan, LayerPlan t)
    {
        LayerModel layer = t.Layer;
        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " SGD step, fused with its gradient: <c>" + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta + "</c> for the weights of inputs <c>[firstInput, endInput)</c>"
            + (layer.HasBias ? ", and <c>" + t.Bias + " -= learningRate 1^T " + t.Delta + "</c> with the piece that starts at input 0" : string.Empty) + ".");
        writer.Line("/// Each weight's gradient is summed over the batch in row order, whichever piece and thread computes it. Call it");
        writer.Line("/// after " + (t.IsFirst ? "the layer's gradients are done" : "<c>G" + Names.Int(layer.Index) + "</c> has been taken from the old weights") + ".");
        writer.Line("/// </summary>");
        WriteKernelAttributes(writer);
        using (writer.Block(WeightsSignature("UpdateLayer", t, ", float learningRate")))
        {
            WriteParameterGradientBody(writer, plan, t, update: true);
        }
    }

    /// <summary><c>private void UpdateLayer1(ReadOnlySpan&lt;float&gt; inputs, int m, int firstInput, int endInput, float learningRate, Workspace work)</c>.</summary>
    private static string WeightsSignature(string method, LayerPlan t, string extra) =>
        "private void " + method + t.N + "(" + (t.IsFirst ? Names.ReadOnlySpan + " inputs, " : string.Empty)
        + "int m, int firstInput, int endInput" + extra + (t.ListsInputs ? ", Workspace work" : string.Empty) + ")";

    /// <summary><c>UpdateLayer1(inputs, m, first, end, learningRate, work);</c> and the like.</summary>
    private static string WeightsCall(string method, LayerPlan t, string first, string end, string extra, string work) =>
        method + t.N + "(" + (t.IsFirst ? "inputs, " : string.Empty) + "m, " + first + ", " + end + extra + (t.ListsInputs ? ", " + work : string.Empty) + ");";

    private static void WriteParameterGradientBody(SourceWriter writer, NetworkPlan plan, LayerPlan t, bool update)
    {
        LayerModel layer = t.Layer;
        string input = InputRef(t);
        string delta = "g" + t.N;
        string weights = (update ? "w" : "dw") + t.N;
        string bias = (update ? "b" : "db") + t.N;
        string buffer = update ? "_parameters" : "_gradients";
        if (t.IsFirst)
            writer.Line(Simd.SpanRef(input, "inputs"));
        else
            writer.Line(Simd.ArrayRef(input, "_" + input));
        writer.Line(Simd.ArrayRef(delta, t.DeltaField));
        writer.Line(Simd.ArrayRef(weights, buffer, t.WeightOffset));
        if (layer.HasBias)
            writer.Line(Simd.ArrayRef(bias, buffer, t.BiasOffset));
        bool wide = t.WeightGradient.IsVectorized;
        if (t.ListsInputs && wide)
        {
            writer.Line(Simd.ArrayRef("int", "positions", "work.Positions", "0"));
            writer.Line(Simd.ArrayRef("values", "work.Values"));
        }

        if (update && wide)
            writer.Line("var step = " + VectorWidth.Natural.Broadcast("-learningRate") + ";");
        if (update && t.WeightGradient.Fit == UnitFit.Either)
            writer.Line("var step4 = " + VectorWidth.Narrow.Broadcast("-learningRate") + ";");

        writer.Line();
        string equation = update
            ? t.Weights + "[i, :] -= learningRate " + t.Input + "[:, i]^T " + t.Delta
            : "d" + t.Weights + "[i, :] = " + t.Input + "[:, i]^T " + t.Delta;
        WriteByWidth(
            writer,
            t.WeightGradient.Fit,
            t.UnitsConst,
            scalar: () =>
            {
                writer.Line("// " + equation + ": one weight at a time");
                WriteWeightGradientNarrow(writer, t, input, delta, weights, update);
            },
            vector: width => WriteWeightGradientWide(writer, t, input, weights, update, equation, width));

        if (!layer.HasBias)
            return;
        writer.Line();
        writer.Line(update
            ? "// " + t.Bias + " -= learningRate 1^T " + t.Delta + ": the column sums of " + t.Delta + ", by the piece that starts at input 0"
            : "// d" + t.Bias + " = 1^T " + t.Delta + ": the column sums of " + t.Delta + ", by the piece that starts at input 0");
        using (writer.Block("if (firstInput == 0)"))
        {
            WriteNarrowOrWide(
                writer,
                t.WeightGradient.Fit,
                t.UnitsConst,
                narrow: () => WriteBiasGradientNarrow(writer, t, delta, bias, update),
                wide: () => WriteBiasGradientWide(writer, t, delta, bias, update));
        }
    }

    // for (int i = firstInput; i < endInput; i++) { float s0 = 0, ...; for (b) { a = X[b, i]; s0 += a G[b, 0]; ... } W[i, :] -= learningRate s }
    private static void WriteWeightGradientNarrow(SourceWriter writer, LayerPlan t, string input, string delta, string weights, bool update)
    {
        using (writer.Block("for (int i = firstInput; i < endInput; i++)"))
        {
            writer.Line("ref float out0 = " + Simd.At(weights, "i * " + t.UnitsConst) + ";");
            WriteScalarAccumulators(
                writer,
                t.Layer.Units,
                init: _ => "0f",
                loop: "for (int b = 0; b < " + t.BatchBound + "; b++)",
                scalar: Simd.Element(input, "b * " + t.InputsConst + " + i"),
                row: Simd.At(delta, "b * " + t.UnitsConst),
                store: j => Simd.Element("out0", Names.Int(j)) + (update ? " -= learningRate * s" : " = s") + Names.Int(j) + ";");
        }
    }

    // for (; i <= endInput - 4; i += 4) { rows of W; BroadcastKernel over the batch }, or, with lists, per piece of inputs:
    // transpose the piece's columns of X, then per input (or block) the list of its nonzero rows and the kernel over it.
    private static void WriteWeightGradientWide(SourceWriter writer, LayerPlan t, string input, string weights, bool update, string equation, VectorWidth width)
    {
        LayerModel layer = t.Layer;
        RegisterBlock registers = width.BlockOf(t.WeightGradient);
        int vectors = registers.Vectors;
        int block = registers.Rows;
        string over = t.ListsInputs ? "over the rows where " + (block == 1 ? "it" : "any of them") + " is nonzero" : "over the batch";
        string what = "// " + equation + ": " + (block == 1 ? "one input at a time, " : Names.Int(block) + " inputs at a time, ") + over
            + ", up to " + Names.Int(vectors) + " vectors of units " + (block == 1 ? string.Empty : "per input ") + "in registers";
        var kernel = new WeightKernel(t, input, weights, update, block, vectors, width);
        if (!t.ListsInputs)
        {
            writer.Line("int i = firstInput;");
            WriteWeightBlocks(writer, kernel, what, "endInput", layer.Inputs % block != 0);
            return;
        }

        writer.Line("// The inputs InputsPerPiece at a time, their columns of " + t.Input + " copied as rows: an input's nonzero rows are then listed a vector at a time.");
        using (writer.Block("for (int piece = firstInput; piece < endInput; piece += InputsPerPiece)"))
        {
            writer.Line("int pieceEnd = " + Names.Math + ".Min(piece + InputsPerPiece, endInput);");
            writer.Line(Names.Sparse + ".TransposeColumns(inputs, " + t.InputsConst + ", piece, pieceEnd - piece, m, work.Transposed);");
            writer.Line("int i = piece;");
            WriteWeightBlocks(writer, kernel, what, "pieceEnd", layer.Inputs % block != 0);
        }
    }

    /// <summary>What a weight kernel needs to know, for the blocks of inputs and the inputs left over alike.</summary>
    private sealed record WeightKernel(LayerPlan Terms, string Input, string Weights, bool Update, int Block, int Vectors, VectorWidth Width);

    // for (; i <= end - block; i += block) { ... }  [for (; i < end; i++) { ... }]
    private static void WriteWeightBlocks(SourceWriter writer, WeightKernel kernel, string what, string end, bool leftover)
    {
        int block = kernel.Block;
        writer.Line(what);
        if (block == 1)
        {
            using (writer.Block("for (; i < " + end + "; i++)"))
                WriteWeightGradientRows(writer, kernel, 1);
            return;
        }

        using (writer.Block("for (; i <= " + end + " - " + Names.Int(block) + "; i += " + Names.Int(block) + ")"))
            WriteWeightGradientRows(writer, kernel, block);

        // Pieces start at multiples of the block, so only a layer whose inputs are not a multiple of it has inputs left over.
        if (!leftover)
            return;
        writer.Line("// The inputs left over, one at a time.");
        using (writer.Block("for (; i < " + end + "; i++)"))
            WriteWeightGradientRows(writer, kernel, 1);
    }

    private static void WriteWeightGradientRows(SourceWriter writer, WeightKernel kernel, int inputs)
    {
        LayerPlan t = kernel.Terms;
        if (t.ListsInputs)
        {
            writer.Line("int count = " + Names.Sparse + ".UnionOfRows(work.Transposed, m, i - piece, " + Names.Int(inputs) + ", " + t.UnitsConst
                + ", work.Positions, work.Values, ListStride);");
            if (kernel.Update)
                writer.Line("if (count == 0) continue; // no row uses " + (inputs == 1 ? "this input: its weights keep their values" : "these inputs: their weights keep their values"));
        }

        for (int k = 0; k < inputs; k++)
            writer.Line("ref float out" + Names.Int(k) + " = " + Simd.At(kernel.Weights, Row("i", k) + " * " + t.UnitsConst) + ";");

        var broadcast = new BroadcastKernel
        {
            Width = kernel.Width,
            Sources = inputs,
            MaxVectors = kernel.Vectors,
            Units = t.UnitsConst,
            UnitCount = t.Layer.Units,
            Matrix = "g" + t.N,
            Loop = t.ListsInputs ? "for (int k = 0; k < count; k++)" : "for (int b = 0; b < " + t.BatchBound + "; b++)",
            RowOffset = t.ListsInputs ? Names.Unsafe + ".Add(ref positions, k)" : "b * " + t.UnitsConst,
            Scalar = k => t.ListsInputs ? ListValue(k) : Simd.Element(kernel.Input, "b * " + t.InputsConst + " + i" + (k == 0 ? string.Empty : " + " + Names.Int(k))),
            InPlace = kernel.Update,
            Store = (w, k, c, accumulator, unit) => WriteGradientStore(w, kernel.Width, "out" + Names.Int(k), c, accumulator, unit, kernel.Update),
        };
        broadcast.Write(writer);
    }

    /// <summary>
    /// Stores a gradient vector, or applies it: <c>W -= learningRate * s</c>, changing only the lanes no earlier vector
    /// of the row changed (a vector moved back to end at the last unit overlaps the one before it).
    /// </summary>
    private static void WriteGradientStore(SourceWriter writer, VectorWidth width, string row, int c, string accumulator, string unit, bool update)
    {
        if (!update)
        {
            writer.Line(width.Store(accumulator, row, unit));
            return;
        }

        string fresh = c == 0 ? "done" : Names.Math + ".Max(done, j + " + (c == 1 ? width.Lanes : Names.Int(c) + " * " + width.Lanes) + ")";
        writer.Line(width.Block + ".Apply(ref " + row + ", " + unit + ", " + fresh + ", " + accumulator + ", " + width.Step + ");");
    }

    private static void WriteBiasGradientNarrow(SourceWriter writer, LayerPlan t, string delta, string bias, bool update)
    {
        using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j++)"))
        {
            writer.Line("float s = 0f;");
            writer.Line("for (int b = 0; b < " + t.BatchBound + "; b++)");
            writer.Line("    s += " + Simd.Element(delta, "b * " + t.UnitsConst + " + j") + ";");
            string target = Simd.Element(bias, "j");
            writer.Line(update ? target + " -= learningRate * s;" : target + " = s;");
        }
    }

    // for (int j = 0; j < units; j += Lanes) { move the last vector back to end at the last unit; sum the column block }
    private static void WriteBiasGradientWide(SourceWriter writer, LayerPlan t, string delta, string bias, bool update)
    {
        using (writer.Block("for (int j = 0; j < " + t.UnitsConst + "; j += " + Simd.Lanes + ")"))
        {
            if (update)
                writer.Line("int done = j;");
            writer.Line("j = " + Names.Math + ".Min(j, " + t.UnitsConst + " - " + Simd.Lanes + "); // the last vector ends at the last unit");
            writer.Line("var s = " + Simd.Zero + ";");
            writer.Line("for (int b = 0; b < " + t.BatchBound + "; b++)");
            writer.Line("    s += " + Simd.Load(delta, "b * " + t.UnitsConst + " + j") + ";");
            if (update)
            {
                writer.Line(Names.VectorBlock + ".Apply(ref " + bias + ", j, done, s, step);");
            }
            else
            {
                writer.Line(Simd.Store("s", bias, "j"));
            }
        }
    }
}
