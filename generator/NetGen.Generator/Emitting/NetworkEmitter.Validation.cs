using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // NetworkGuard.BatchSize(batchSize, MaxBatch); NetworkGuard.Length(inputs.Length, batchSize, InputSize, ...); ...
    // The order is the reference interpreter's: rows, inputs, targets (length, then labels), outputs, learning rate.
    private static void WriteRowGuards(SourceWriter writer, string rows, TargetKind? targets)
    {
        writer.Line(rows == "batchSize"
            ? Names.Guard + ".BatchSize(batchSize, MaxBatch);"
            : Names.Guard + ".Count(count);");
        writer.Line(LengthGuard("inputs", rows, "InputSize", "InputSize"));
        if (targets is null)
            return;
        if (targets.IsLabels)
        {
            writer.Line(LengthGuard("targets", rows, "1", "1 label"));
            writer.Line(Names.Guard + ".Labels(targets, OutputSize);");
        }
        else
        {
            writer.Line(LengthGuard("targets", rows, "OutputSize", "OutputSize"));
        }
    }

    private static string LengthGuard(string span, string rows, string width, string widthName) =>
        Names.Guard + ".Length(" + span + ".Length, " + rows + ", " + width + ", \"" + span + "\", \"" + rows + "\", \"" + widthName + "\");";

    private static void WriteLearningRateGuard(SourceWriter writer) =>
        writer.Line(Names.Guard + ".LearningRate(learningRate);");

    private static void WriteArgumentExceptionDoc(SourceWriter writer, string what) =>
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">" + what + " Nothing is written.</exception>");
}
