using NetGen.Generator.Model;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The declaration half of the file a user reads: the class's remarks, the shapes, <c>Spec</c>, the parameter
/// buffers and their per-layer views, <c>Initialize</c>, and the one private field that holds the machinery.
/// </summary>
internal static class SurfaceEmitter
{
    /// <summary>The constants, the spec, the buffers and their views, and <c>Initialize</c>.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        WriteConstants(writer, plan);
        writer.Line();
        WriteSpec(writer, plan);
        writer.Line();
        writer.Line("/// <summary>The declaration as data (the same object as the static <see cref=\"Spec\"/>).</summary>");
        writer.Line(Names.NetworkSpec + " " + Names.INetwork + ".Spec => Spec;");
        writer.Line();
        writer.Line("// The machinery (buffers, passes, kernels, workers), in a private class of its own so that none of its names");
        writer.Line("// meets the user's.");
        writer.Line("private readonly " + Names.Core + " " + Names.CoreField + " = new " + Names.Core + "();");
        writer.Line();
        WriteBuffers(writer);
        writer.Line();
        WriteTensorViews(writer, plan);
        writer.Line();
        writer.Line("/// <summary>Fills <see cref=\"Parameters\"/> from <paramref name=\"seed\"/> with each layer's initializer (the same on every machine).</summary>");
        writer.Line("/// <param name=\"seed\">The seed.</param>");
        using (writer.Block("public void Initialize(ulong seed)"))
        {
            writer.Line("using var caller = " + Names.CoreField + "._callerGate.Enter(\"Initialize\");");
            writer.Line(Names.Initializer + ".Initialize(Spec, " + Names.CoreField + "._parameters, seed);");
        }
    }

    /// <summary>The class's <c>/// &lt;remarks&gt;</c>: layers, shapes, parameter count, the vector width, shown on hover.</summary>
    public static void WriteTypeRemarks(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <remarks>");
        writer.Line("/// <para>NetGen network: " + Names.Int(plan.InputSize) + " inputs, " + Names.Int(plan.Layers.Count)
            + (plan.Layers.Count == 1 ? " layer, " : " layers, ") + Names.Int(plan.ParameterCount) + " parameters, loss "
            + plan.Loss + " (" + plan.Reduction + "), batches of up to " + Names.Int(plan.MaxBatch) + " rows.</para>");
        writer.Line("/// <list type=\"table\">");
        writer.Line("/// <listheader><term>layer</term><description>equation, shape, parameters</description></listheader>");
        foreach (LayerPlan t in plan.Layers)
        {
            writer.Line("/// <item><term>" + t.N + "</term><description><c>" + t.Equation + "</c>: [" + Names.Int(t.Inputs) + " x "
                + Names.Int(t.Units) + "], " + Names.Int(t.ParameterCount) + " parameters</description></item>");
        }

        writer.Line("/// </list>");
        writer.Line("/// <para>The kernels run on <c>Vector&lt;float&gt;</c> of whatever width the machine gives (4, 8 or 16 floats) and");
        writer.Line("/// handle the units left over at that width. An instance is not thread-safe: its passes share work buffers.</para>");
        writer.Line("/// </remarks>");
    }

    // public const int InputSize = 784; OutputSize; MaxBatch; ParameterCount.
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
                    writer.Lines(declaration);
            }

            writer.Line("loss: " + Names.Enum(plan.Loss) + ",");
            writer.Line("reduction: " + Names.Enum(plan.Reduction) + ",");
            writer.Line("maxBatch: " + Names.Int(plan.MaxBatch) + ");");
        }
    }

    private static IEnumerable<string> LayerDeclarations(NetworkPlan plan) =>
        plan.Layers.Select(layer =>
            "new " + Names.LayerDeclaration + "(" + Names.Int(layer.Units) + ", " + Names.Enum(layer.Activation)
            + ", Bias: " + (layer.HasBias ? "true" : "false") + ",\n    WeightInit: " + Names.Enum(layer.Layer.WeightInit)
            + ", BiasInit: " + Names.Enum(layer.Layer.BiasInit)
            + (layer.Activation == Activation.LeakyReLU ? ", NegativeSlope: " + Names.Float(layer.Layer.NegativeSlope) : string.Empty) + "),");

    // public Span<float> Parameters => _netGen._parameters; public Span<float> Gradients => _netGen._gradients;
    private static void WriteBuffers(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Every parameter in one contiguous buffer: for each layer in order, its weights as a row-major");
        writer.Line("/// [inputs x units] matrix (element (i, j) at i * units + j), then its bias if it has one.");
        writer.Line("/// </summary>");
        writer.Line("public " + Names.Span + " Parameters => " + Names.CoreField + "._parameters;");
        writer.Line();
        writer.Line("/// <summary>The gradient of the last Backward call's loss, in the layout of <see cref=\"Parameters\"/>.</summary>");
        writer.Line("public " + Names.Span + " Gradients => " + Names.CoreField + "._gradients;");
    }

    // public Span<float> W1 => new(_netGen._parameters, 0, 784 * 100); public Span<float> GradW1 => ...
    private static void WriteTensorViews(SourceWriter writer, NetworkPlan plan)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            if (!layer.IsFirst)
                writer.Line();
            string n = layer.N;
            string shape = "[" + Names.Int(layer.Inputs) + " x " + Names.Int(layer.Units) + "]";
            string weights = Names.Int(layer.Layer.WeightOffset) + ", " + Names.Int(layer.Inputs) + " * " + Names.Int(layer.Units) + ");";
            writer.Line("/// <summary>The weights of layer " + n + ", row-major " + shape + " (checkpoint name <c>W" + n + "</c>).</summary>");
            writer.Line("public " + Names.Span + " W" + n + " => new " + Names.Span + "(" + Names.CoreField + "._parameters, " + weights);
            writer.Line();
            writer.Line("/// <summary>The gradient of the weights of layer " + n + ", row-major " + shape + ".</summary>");
            writer.Line("public " + Names.Span + " GradW" + n + " => new " + Names.Span + "(" + Names.CoreField + "._gradients, " + weights);
            if (!layer.HasBias)
                continue;
            string bias = Names.Int(layer.Layer.BiasOffset) + ", " + Names.Int(layer.Units) + ");";
            writer.Line();
            writer.Line("/// <summary>The bias of layer " + n + ", [" + Names.Int(layer.Units) + "] (checkpoint name <c>b" + n + "</c>).</summary>");
            writer.Line("public " + Names.Span + " B" + n + " => new " + Names.Span + "(" + Names.CoreField + "._parameters, " + bias);
            writer.Line();
            writer.Line("/// <summary>The gradient of the bias of layer " + n + ", [" + Names.Int(layer.Units) + "].</summary>");
            writer.Line("public " + Names.Span + " GradB" + n + " => new " + Names.Span + "(" + Names.CoreField + "._gradients, " + bias);
        }
    }
}
