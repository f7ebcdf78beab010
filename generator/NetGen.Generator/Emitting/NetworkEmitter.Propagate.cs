using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void PropagateLayer2(int first, int end)
    // {
    //     // G1 = 1{Z1 > 0} o (G2 W2^T): 4 rows at a time, over the 10 units of layer 2, W2^T's rows (a copy) as vectors
    // }
    // and for the first layer, PropagateLayer1(Span<float> inputGradients, int m): dX = G1 W1^T, by dot products.
    private static void WritePropagateLayer(SourceWriter writer, NetworkPlan plan, LayerPlan t)
    {
        if (t.IsFirst)
        {
            WriteInputGradientLayer(writer, t);
            return;
        }

        LayerModel layer = t.Layer;
        LayerPlan before = plan.Before(t);
        string target = "G" + before.N;
        string product = t.Delta + " " + t.Weights + "^T";
        string? derivative = before.DerivativeText;
        string equation = target + " = " + (derivative is null ? product : derivative + " o (" + product + ")");

        writer.Line("/// <summary>");
        writer.Line(t.HasTransposedWeights
            ? "/// Layer " + t.N + " to layer " + before.N + ": <c>" + equation + "</c> for rows <c>[first, end)</c>, from <c>" + t.TransposedField
                + "</c>, the copy of " + t.Weights + "^T taken before " + t.Weights + " changes."
            : "/// Layer " + t.N + " to layer " + before.N + ": <c>" + equation + "</c> for rows <c>[first, end)</c>, from " + t.Weights + " before it changes.");
        writer.Line("/// </summary>");
        WriteKernelAttributes(writer);
        using (writer.Block("private void PropagateLayer" + t.N + "(int first, int end)"))
        {
            string output = "g" + before.N;
            writer.Line(Simd.ArrayRef("g" + t.N, t.DeltaField));
            writer.Line(t.HasTransposedWeights ? Simd.ArrayRef("wt", t.TransposedField) : Simd.ArrayRef("w" + t.N, "_parameters", t.WeightOffset));
            writer.Line(Simd.ArrayRef(output, before.DeltaField));
            string? gate = null; // the previous layer's Z, read for the ReLU derivative
            if (before.Activation == Activation.ReLU)
            {
                gate = "z" + before.N;
                writer.Line(Simd.ArrayRef(gate, before.OutputField));
            }

            writer.Line();
            if (t.HasTransposedWeights)
            {
                WriteByWidth(
                    writer,
                    t.Propagate.Fit,
                    t.InputsConst,
                    scalar: () => WritePropagateNarrow(writer, t, output, gate),
                    vector: width => WritePropagateWide(writer, t, equation, output, gate, width));
            }
            else
            {
                WritePropagateFromWeights(writer, t, equation, output, gate);
            }

            if (before.KeepsPreActivation)
            {
                writer.Line();
                writer.Line("// ... o " + derivative + ", the derivative at the pre-activation " + before.Pre);
                writer.Line("for (int k = first * " + t.InputsConst + "; k < end * " + t.InputsConst + "; k++)");
                writer.Line("    " + before.DeltaField + "[k] *= " + before.DerivativeCall(before.PreField + "[k]") + ";");
            }
        }
    }

    // for (int r = first; r < end; r++) { float s0 = 0, ...; for (k) { a = G[r, k]; s0 += a W^T[k, 0]; ... } G_prev[r, :] = gate ? s : 0 }
    private static void WritePropagateNarrow(SourceWriter writer, LayerPlan t, string output, string? gate)
    {
        writer.Line("// One float at a time, an accumulator per unit of layer " + t.PreviousN + ".");
        using (writer.Block("for (int r = first; r < end; r++)"))
        {
            writer.Line("ref float out0 = " + Simd.At(output, "r * " + t.InputsConst) + ";");
            if (gate is not null)
                writer.Line("ref float gate0 = " + Simd.At(gate, "r * " + t.InputsConst) + ";");
            WriteScalarAccumulators(
                writer,
                t.Layer.Inputs,
                init: _ => "0f",
                loop: "for (int k = 0; k < " + t.UnitsConst + "; k++)",
                scalar: Simd.Element("g" + t.N, "r * " + t.UnitsConst + " + k"),
                row: Simd.At("wt", "k * " + t.InputsConst),
                store: i => Simd.Element("out0", Names.Int(i)) + " = "
                    + (gate is null ? "s" + Names.Int(i) : Simd.Element("gate0", Names.Int(i)) + " > 0f ? s" + Names.Int(i) + " : 0f") + ";");
        }
    }

    // for (int r = first; r < end; r++) { d0 = G[r, 0], ...; for (i) { s = d0 W[i, 0] + d1 W[i, 1] + ...; G_prev[r, i] = gate ? s : 0 } }
    private static void WritePropagateFromWeights(SourceWriter writer, LayerPlan t, string equation, string output, string? gate)
    {
        int units = t.Layer.Units;
        writer.Line("// " + equation + ": for each row and unit i of layer " + t.PreviousN + ", the " + Names.Int(units) + " products with " + t.Weights + "[i, :]");
        using (writer.Block("for (int r = first; r < end; r++)"))
        {
            writer.Line("ref float delta = " + Simd.At("g" + t.N, "r * " + t.UnitsConst) + ";");
            writer.Line("ref float out0 = " + Simd.At(output, "r * " + t.InputsConst) + ";");
            if (gate is not null)
                writer.Line("ref float gate0 = " + Simd.At(gate, "r * " + t.InputsConst) + ";");
            writer.Line("float " + string.Join(", ", Enumerable.Range(0, units).Select(k => "d" + Names.Int(k) + " = " + Simd.Element("delta", Names.Int(k)))) + ";");
            using (writer.Block("for (int i = 0; i < " + t.InputsConst + "; i++)"))
            {
                writer.Line("ref float row = " + Simd.At("w" + t.N, "i * " + t.UnitsConst) + ";");
                writer.Line("float s = " + string.Join(" + ", Enumerable.Range(0, units).Select(k => "d" + Names.Int(k) + " * " + Simd.Element("row", Names.Int(k)))) + ";");
                string element = Simd.Element("out0", "i");
                writer.Line(gate is null ? element + " = s;" : element + " = " + Simd.Element("gate0", "i") + " > 0f ? s : 0f;");
            }
        }
    }

    // Blocks of the plan's rows, then the rows left over one at a time: a BroadcastKernel over the layer's units.
    private static void WritePropagateWide(SourceWriter writer, LayerPlan t, string equation, string output, string? gate, VectorWidth width)
    {
        RegisterBlock registers = width.BlockOf(t.Propagate);
        int vectors = registers.Vectors;
        int rows = registers.Rows;
        writer.Line("int r = first;");
        writer.Line("// " + equation + ": " + Names.Int(rows) + " rows at a time, over the " + Names.Int(t.Layer.Units) + " units of layer " + t.N
            + ", up to " + Names.Int(vectors) + " vectors per row in registers");
        using (writer.Block("for (; r <= end - " + Names.Int(rows) + "; r += " + Names.Int(rows) + ")"))
            WritePropagateRows(writer, t, output, gate, rows, vectors, width);
        writer.Line("// The rows left over, one at a time.");
        using (writer.Block("for (; r < end; r++)"))
            WritePropagateRows(writer, t, output, gate, 1, vectors, width);
    }

    private static void WritePropagateRows(SourceWriter writer, LayerPlan t, string output, string? gate, int rows, int vectors, VectorWidth width)
    {
        for (int k = 0; k < rows; k++)
        {
            writer.Line("ref float delta" + Names.Int(k) + " = " + Simd.At("g" + t.N, Row("r", k) + " * " + t.UnitsConst) + ";");
            writer.Line("ref float out" + Names.Int(k) + " = " + Simd.At(output, Row("r", k) + " * " + t.InputsConst) + ";");
            if (gate is not null)
                writer.Line("ref float gate" + Names.Int(k) + " = " + Simd.At(gate, Row("r", k) + " * " + t.InputsConst) + ";");
        }

        var kernel = new BroadcastKernel
        {
            Width = width,
            Sources = rows,
            MaxVectors = vectors,
            Units = t.InputsConst,
            UnitCount = t.Layer.Inputs,
            Matrix = "wt",
            Loop = "for (int k = 0; k < " + t.UnitsConst + "; k++)",
            RowOffset = "k * " + t.InputsConst,
            Scalar = k => Simd.Element("delta" + Names.Int(k), "k"),
            Store = (w, k, c, accumulator, unit) => w.Line(gate is null
                ? width.Store(accumulator, "out" + Names.Int(k), unit)
                : width.Block + ".StoreWherePositive(ref out" + Names.Int(k) + ", ref gate" + Names.Int(k) + ", " + unit + ", " + accumulator + ");"),
        };
        kernel.Write(writer);
    }

    // private void PropagateLayer1(Span<float> inputGradients, int m): dX[b, i] = dot(G1[b, :], W1[i, :]), for InputGradient only.
    private static void WriteInputGradientLayer(SourceWriter writer, LayerPlan t)
    {
        LayerModel layer = t.Layer;
        string equation = "dX = " + t.Delta + " " + t.Weights + "^T";
        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " to the inputs: <c>" + equation + "</c>, the gradient of the loss with respect to <c>X</c> (for InputGradient only).");
        writer.Line("/// </summary>");
        WriteKernelAttributes(writer);
        using (writer.Block("private void PropagateLayer" + t.N + "(" + Names.Span + " inputGradients, int m)"))
        {
            writer.Line(Simd.ArrayRef("g" + t.N, t.DeltaField));
            writer.Line(Simd.ArrayRef("w" + t.N, "_parameters", t.WeightOffset));
            writer.Line(Simd.SpanRef("dx", "inputGradients"));
            bool wide = t.WeightGradient.IsVectorized;
            if (wide)
                writer.Line("var tail = " + Simd.TailMask(t.UnitsConst) + ";");
            writer.Line();
            writer.Line("// " + equation + ": for each row b and input i, the dot product of " + t.Delta + "[b, :] and " + t.Weights + "[i, :]");
            WriteNarrowOrWide(
                writer,
                t.WeightGradient.Fit,
                t.UnitsConst,
                narrow: () => WriteInputGradientRows(writer, t, wide: false),
                wide: () => WriteInputGradientRows(writer, t, wide: true));
        }
    }

    private static void WriteInputGradientRows(SourceWriter writer, LayerPlan t, bool wide)
    {
        using (writer.Block("for (int b = 0; b < m; b++)"))
        {
            writer.Line("ref float delta = " + Simd.At("g" + t.N, "b * " + t.UnitsConst) + ";");
            writer.Line("ref float row = " + Simd.At("dx", "b * " + t.InputsConst) + ";");
            if (wide)
            {
                writer.Line("// The vector ending at the row's last unit, with the lanes the full vectors cover set to 0.");
                writer.Line("var deltaTail = " + Simd.Mask(Simd.Load("delta", t.UnitsConst + " - " + Simd.Lanes), "tail") + ";");
            }

            using (writer.Block("for (int i = 0; i < " + t.InputsConst + "; i++)"))
            {
                writer.Line("ref float weights = " + Simd.At("w" + t.N, "i * " + t.UnitsConst) + ";");
                if (!wide)
                {
                    writer.Line("float s = 0f;");
                    writer.Line("for (int j = 0; j < " + t.UnitsConst + "; j++)");
                    writer.Line("    s += " + Simd.Element("delta", "j") + " * " + Simd.Element("weights", "j") + ";");
                    writer.Line(Simd.Element("row", "i") + " = s;");
                }
                else
                {
                    writer.Line("var s = " + Simd.Zero + ";");
                    writer.Line("for (int j = 0; j <= " + t.UnitsConst + " - " + Simd.Lanes + "; j += " + Simd.Lanes + ")");
                    writer.Line("    s = " + Simd.MultiplyAdd(Simd.Load("delta", "j"), Simd.Load("weights", "j"), "s") + ";");
                    writer.Line("if (" + t.UnitsConst + " % " + Simd.Lanes + " != 0)");
                    writer.Line("    s = " + Simd.MultiplyAdd("deltaTail", Simd.Load("weights", t.UnitsConst + " - " + Simd.Lanes), "s") + ";");
                    writer.Line(Simd.Element("row", "i") + " = " + Simd.Sum("s") + ";");
                }
            }
        }
    }

    // private void TransposeWeights() { for each layer after the first: _w2t[k, i] = W2[i, k] }
    private static void WriteTransposeWeights(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Copies the weights of every layer after the first, transposed (<c>_w2t[k, i] = W2[i, k]</c>), for the backward kernels:");
        writer.Line("/// a row of the copy is a contiguous run of the previous layer's units. Taken before the weights change.");
        writer.Line("/// </summary>");
        WriteKernelAttributes(writer);
        using (writer.Block("private void TransposeWeights()"))
        {
            foreach (LayerPlan t in plan.Layers)
            {
                if (!t.HasTransposedWeights)
                    continue;
                using (writer.Block())
                {
                    writer.Line("// " + t.TransposedField + " = " + t.Weights + "^T, [" + Names.Int(t.Layer.Units) + " x " + Names.Int(t.Layer.Inputs) + "]");
                    writer.Line(Simd.ArrayRef("w", "_parameters", t.WeightOffset));
                    writer.Line(Simd.ArrayRef("wt", t.TransposedField));
                    writer.Line("for (int i = 0; i < " + t.InputsConst + "; i++)");
                    writer.Line("    for (int k = 0; k < " + t.UnitsConst + "; k++)");
                    writer.Line("        " + Simd.Element("wt", "k * " + t.InputsConst + " + i") + " = " + Simd.Element("w", "i * " + t.UnitsConst + " + k") + ";");
                }
            }
        }
    }
}
