using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void PropagateLayer2(int m)
    // {
    //     // G1 = 1{Z1 > 0} o (G2 W2^T): for each row b and input i, the dot product of G2[b, :] and W2[i, :]
    // }
    // and for the first layer, PropagateLayer1(Span<float> inputGradients, int m): dX = G1 W1^T.
    private static void WritePropagateLayer(SourceWriter writer, LayerTerms t)
    {
        LayerModel layer = t.Layer;
        LayerModel? previous = t.Previous;
        LayerTerms? before = previous is null ? null : new LayerTerms(previous, null);
        string target = previous is null ? "dX" : "G" + Names.Int(previous.Number);
        string product = t.Delta + " " + t.Weights + "^T";
        string? derivative = before?.DerivativeText;
        string equation = target + " = " + (derivative is null ? product : derivative + " o (" + product + ")");

        writer.Line("/// <summary>");
        writer.Line(previous is null
            ? "/// Layer " + t.N + " to the inputs: <c>" + equation + "</c>, the gradient of the loss with respect to <c>X</c>."
            : "/// Layer " + t.N + " to layer " + Names.Int(previous.Number) + ": <c>" + equation + "</c>, from the weights as they are now.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        string signature = previous is null
            ? "private void PropagateLayer" + t.N + "(" + Names.Span + " inputGradients, int m)"
            : "private void PropagateLayer" + t.N + "(int m)";
        using (writer.Block(signature))
        {
            string delta = "g" + t.N;
            string weights = "w" + t.N;
            string output = previous is null ? "dx" : "g" + Names.Int(previous.Number);
            string? gate = null; // the previous layer's Z (ReLU) or P (smooth), read for the derivative
            writer.Line(Simd.ArrayRef(delta, t.DeltaField));
            writer.Line(Simd.ArrayRef(weights, "_parameters", t.WeightOffset));
            if (previous is null)
            {
                writer.Line(Simd.SpanRef(output, "inputGradients"));
            }
            else
            {
                writer.Line(Simd.ArrayRef(output, before!.DeltaField));
                if (previous.Activation == Activation.ReLU)
                {
                    gate = "z" + Names.Int(previous.Number);
                    writer.Line(Simd.ArrayRef(gate, before.OutputField));
                }
                else if (before.KeepsPreActivation)
                {
                    gate = "p" + Names.Int(previous.Number);
                    writer.Line(Simd.ArrayRef(gate, before.PreField));
                }
            }

            bool wide = layer.Units >= Simd.MinLanes;
            if (wide)
            {
                writer.Line(Simd.ZeroDeclaration);
                writer.Line("var tail = " + Simd.TailMask(t.UnitsConst) + ";");
            }
            writer.Line();
            writer.Line("// " + equation + ": for each row b and input i, " + (before?.DerivativeAt("b, i") is string at ? at + " times " : string.Empty)
                + "the dot product of " + t.Delta + "[b, :] and " + t.Weights + "[i, :]");
            WriteNarrowOrWide(
                writer,
                layer.Units,
                t.UnitsConst,
                narrow: () => WritePropagateRows(writer, t, previous, before, output, gate, wide: false),
                wide: () => WritePropagateRows(writer, t, previous, before, output, gate, wide: true));
        }
    }

    // for (int b = 0; b < m; b++) for (int i = 0; i < inputs; i++) row[i] = derivative * dot(delta[b, :], W[i, :])
    private static void WritePropagateRows(SourceWriter writer, LayerTerms t, LayerModel? previous, LayerTerms? before, string output, string? gate, bool wide)
    {
        string deltaRow = "g" + t.N + "Row", weightRow = "w" + t.N + "Row", outputRow = output + "Row", gateRow = gate + "Row";
        string deltaTail = "g" + t.N + "Tail";
        string factor = previous is not null && before!.KeepsPreActivation
            ? " * " + before.DerivativeKernel + "(" + Simd.Element(gateRow, "i") + ")"
            : string.Empty;
        using (writer.Block("for (int b = 0; b < m; b++)"))
        {
            writer.Line("ref float " + deltaRow + " = " + Simd.At("g" + t.N, "b * " + t.UnitsConst) + ";");
            writer.Line("ref float " + outputRow + " = " + Simd.At(output, "b * " + t.InputsConst) + ";");
            if (gate is not null)
                writer.Line("ref float " + gateRow + " = " + Simd.At(gate, "b * " + t.InputsConst) + ";");
            if (wide)
            {
                writer.Line("// The vector ending at the row's last unit, with the lanes the full vectors cover set to 0.");
                writer.Line("var " + deltaTail + " = " + Simd.Mask(Simd.Load(deltaRow, t.UnitsConst + " - " + Simd.Lanes), "tail") + ";");
            }

            using (writer.Block("for (int i = 0; i < " + t.InputsConst + "; i++)"))
            {
                if (previous?.Activation == Activation.ReLU)
                {
                    using (writer.Block("if (" + Simd.Element(gateRow, "i") + " <= 0f)"))
                    {
                        writer.Line(Simd.Element(outputRow, "i") + " = 0f; // " + before!.DerivativeAt("b, i") + " is 0: no dot product needed");
                        writer.Line("continue;");
                    }
                }

                writer.Line("ref float " + weightRow + " = " + Simd.At("w" + t.N, "i * " + t.UnitsConst) + ";");
                if (!wide)
                {
                    writer.Line("float s = 0f;");
                    writer.Line("for (int j = 0; j < " + t.UnitsConst + "; j++)");
                    writer.Line("    s += " + Simd.Element(deltaRow, "j") + " * " + Simd.Element(weightRow, "j") + ";");
                    writer.Line(Simd.Element(outputRow, "i") + " = s" + factor + ";");
                }
                else
                {
                    writer.Line("var s = " + Simd.Zero + ";");
                    writer.Line("for (int j = 0; j <= " + t.UnitsConst + " - " + Simd.Lanes + "; j += " + Simd.Lanes + ")");
                    writer.Line("    s = " + Simd.MultiplyAdd(Simd.Load(deltaRow, "j"), Simd.Load(weightRow, "j"), "s") + ";");
                    writer.Line("if (" + t.UnitsConst + " % " + Simd.Lanes + " != 0)");
                    writer.Line("    s = " + Simd.MultiplyAdd(deltaTail, Simd.Load(weightRow, t.UnitsConst + " - " + Simd.Lanes), "s") + ";");
                    writer.Line(Simd.Element(outputRow, "i") + " = " + Simd.Sum("s") + factor + ";");
                }
            }
        }
    }
}
