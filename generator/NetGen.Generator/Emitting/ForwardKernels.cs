using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;
using static NetGen.Generator.Emitting.KernelCalls;
using static NetGen.Generator.Emitting.KernelShapes;

namespace NetGen.Generator.Emitting;

/// <summary>Each layer's forward kernel: <c>Z = sigma(X W + b)</c> for a block of rows, register-blocked as the plan says.</summary>
internal static class ForwardKernels
{
    // private void ForwardLayer1(ReadOnlySpan<float> inputs, int first, int end, Workspace work)
    // {
    //     // Z1 = ReLU(X W1): 2 rows at a time, over the inputs nonzero in either row, 13 vectors of units in registers
    //     for (; r <= end - 2; r += 2) { count = Sparse.UnionOfRows(...); ...BroadcastKernel... }
    //     for (; r < end; r++) { the same for one row }
    // }
    internal static void WriteForwardLayer(SourceWriter writer, NetworkPlan plan, LayerPlan t)
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

}
