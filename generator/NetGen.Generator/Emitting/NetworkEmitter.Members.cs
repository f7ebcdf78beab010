using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // public const int InputSize = 784; ... private const int W1Offset = 0, L1Inputs = 784, L1Units = 100; ...
    private static void WriteConstants(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>The number of input features per sample.</summary>");
        writer.Line("public const int InputSize = " + Names.Int(plan.InputSize) + ";");
        writer.Line();
        writer.Line("/// <summary>The number of outputs per sample (" + (plan.IsClassifier ? "logits, one per class" : "the output layer's activations") + ").</summary>");
        writer.Line("public const int OutputSize = " + Names.Int(plan.OutputSize) + ";");
        writer.Line();
        writer.Line("/// <summary>The largest batch a call accepts; the batch buffers hold this many rows.</summary>");
        writer.Line("public const int MaxBatch = " + Names.Int(plan.MaxBatch) + ";");
        writer.Line();
        writer.Line("/// <summary>The number of parameters (weights and biases): the length of <see cref=\"Parameters\"/>.</summary>");
        writer.Line("public const int ParameterCount = " + Names.Int(plan.ParameterCount) + ";");
        writer.Line();
        writer.Line("// Layer shapes and where each tensor starts in Parameters (and Gradients).");
        foreach (LayerPlan layer in plan.Layers)
        {
            string n = Names.Int(layer.Number);
            writer.Line("private const int L" + n + "Inputs = " + Names.Int(layer.Inputs) + ", L" + n + "Units = " + Names.Int(layer.Units)
                + ", W" + n + "Offset = " + Names.Int(layer.Layer.WeightOffset)
                + (layer.HasBias ? ", B" + n + "Offset = " + Names.Int(layer.Layer.BiasOffset) : string.Empty) + ";");
        }
    }

    // public static NetworkSpec Spec { get; } = new(784, new LayerDeclaration[] { ... }, Loss..., Reduction..., 100);
    private static void WriteSpec(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>The declaration as data, for the reference interpreter, checkpoints and tools.</summary>");
        writer.Line("public static " + Names.NetworkSpec + " Spec { get; } = new " + Names.NetworkSpec + "(");
        using (writer.Indent())
        {
            writer.Line("inputs: " + Names.Int(plan.InputSize) + ",");
            using (writer.Block("layers: new " + Names.LayerDeclaration + "[]", "},"))
            {
                foreach (string declaration in LayerDeclarations(plan))
                    writer.Line(declaration);
            }

            writer.Line("loss: " + Names.Enum(plan.Loss) + ",");
            writer.Line("reduction: " + Names.Enum(plan.Reduction) + ",");
            writer.Line("maxBatch: " + Names.Int(plan.MaxBatch) + ");");
        }
    }

    // private readonly float[] _parameters = new float[ParameterCount]; public Span<float> Parameters => _parameters; ...
    private static void WriteBuffers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("private readonly float[] _parameters = new float[ParameterCount];");
        writer.Line("private readonly float[] _gradients = new float[ParameterCount];");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Every parameter in one contiguous buffer: for each layer in order, its weights as a row-major");
        writer.Line("/// [inputs x units] matrix (element (i, j) at i * units + j), then its bias if it has one.");
        writer.Line("/// </summary>");
        writer.Line("public " + Names.Span + " Parameters => _parameters;");
        writer.Line();
        writer.Line("/// <summary>The gradient of the last Backward call's loss, in the layout of <see cref=\"Parameters\"/>.</summary>");
        writer.Line("public " + Names.Span + " Gradients => _gradients;");
    }

    // public Span<float> W1 => new(_parameters, W1Offset, L1Inputs * L1Units); public Span<float> GradW1 => ...
    private static void WriteTensorViews(SourceWriter writer, NetworkPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Index > 0)
                writer.Line();
            string n = Names.Int(layer.Number);
            string shape = "[" + Names.Int(layer.Inputs) + " x " + Names.Int(layer.Units) + "]";
            writer.Line("/// <summary>The weights of layer " + n + ", row-major " + shape + " (checkpoint name <c>W" + n + "</c>).</summary>");
            writer.Line("public " + Names.Span + " W" + n + " => new " + Names.Span + "(_parameters, W" + n + "Offset, L" + n + "Inputs * L" + n + "Units);");
            writer.Line();
            writer.Line("/// <summary>The gradient of the weights of layer " + n + ", row-major " + shape + ".</summary>");
            writer.Line("public " + Names.Span + " GradW" + n + " => new " + Names.Span + "(_gradients, W" + n + "Offset, L" + n + "Inputs * L" + n + "Units);");
            if (!layer.HasBias)
                continue;
            writer.Line();
            writer.Line("/// <summary>The bias of layer " + n + ", [" + Names.Int(layer.Units) + "] (checkpoint name <c>b" + n + "</c>).</summary>");
            writer.Line("public " + Names.Span + " B" + n + " => new " + Names.Span + "(_parameters, B" + n + "Offset, L" + n + "Units);");
            writer.Line();
            writer.Line("/// <summary>The gradient of the bias of layer " + n + ", [" + Names.Int(layer.Units) + "].</summary>");
            writer.Line("public " + Names.Span + " GradB" + n + " => new " + Names.Span + "(_gradients, B" + n + "Offset, L" + n + "Units);");
        }
    }

    // public void Initialize(ulong seed) { caller gate; ParameterInitializer.Initialize(Spec, _parameters, seed); }
    private static void WriteInitialize(SourceWriter writer)
    {
        writer.Line("/// <summary>Fills <see cref=\"Parameters\"/> from <paramref name=\"seed\"/> with each layer's initializer (the same on every machine).</summary>");
        writer.Line("/// <param name=\"seed\">The seed.</param>");
        using (writer.Block("public void Initialize(ulong seed)"))
        {
            WriteCallerGate(writer, "Initialize"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            writer.Line(Names.Initializer + ".Initialize(Spec, _parameters, seed);");
        }
    }
}
