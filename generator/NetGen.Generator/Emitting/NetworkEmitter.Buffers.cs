using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private static int Lanes => Vector<float>.Count;
    private static void WriteLanes(SourceWriter writer)
    {
        writer.Line("/// <summary>Floats per <c>Vector&lt;float&gt;</c> (4, 8 or 16): a constant to the JIT, which folds every loop bound that uses it.</summary>");
        writer.Line("private static int Lanes => " + Names.VectorFloat + ".Count;");
    }

    // NetworkSpec INetwork.Spec => Spec;
    private static void WriteInterfaceSpec(SourceWriter writer)
    {
        writer.Line("/// <summary>The declaration as data (the same object as the static <see cref=\"Spec\"/>).</summary>");
        writer.Line(Names.NetworkSpec + " " + Names.INetwork + ".Spec => Spec;");
    }

    // private readonly float[] _z1 = new float[MaxBatch * L1Units]; ... _g1 ...; private readonly int[] _labels = ...;
    private static void WriteWorkBuffers(SourceWriter writer, NetworkModel model)
    {
        writer.Line("// Work buffers for up to MaxBatch rows, allocated once: each layer's output Z, its pre-activation P where the");
        writer.Line("// derivative needs it, and G, the gradient of the loss with respect to the pre-activation.");
        foreach (LayerModel layer in model.Layers)
        {
            LayerTerms t = Terms(model, layer);
            string size = "MaxBatch * " + t.UnitsConst;
            writer.Line("private readonly float[] " + t.OutputField + " = new float[" + size + "];");
            if (t.KeepsPreActivation)
                writer.Line("private readonly float[] " + t.PreField + " = new float[" + size + "];");
            writer.Line("private readonly float[] " + t.DeltaField + " = new float[" + size + "];");
        }

        if (model.IsClassifier)
            writer.Line("private readonly int[] _labels = new int[MaxBatch];");
    }

    // [global::System.CodeDom.Compiler.GeneratedCode("NetGen.Generator", "0.1.0.0")]
    private static void WriteGeneratedCode(SourceWriter writer) =>
        writer.Line("[" + Names.GeneratedCode + "(\"NetGen.Generator\", \"" + Names.GeneratorVersion + "\")]");
}
