using System;
using System.Linq;

namespace NetGen.Generator.Emitting;

/// <summary>
/// A public entry point split in two: in the user's class, after its docs, a one-line forward to the machinery; in
/// <see cref="Names.Core"/>, the same signature with the body (argument checks, then the passes).
/// </summary>
internal static class EntryPoint
{
    /// <summary>The longest signature written on one line; longer ones take a line per parameter.</summary>
    private const int MaxLine = 135;

    /// <summary>
    /// Writes the entry point <paramref name="signature"/> (e.g. <c>public float Backward(... inputs, ... targets, int batchSize)</c>):
    /// the forward in <paramref name="surface"/> (whose docs the caller has written), <paramref name="body"/> in <paramref name="core"/>.
    /// </summary>
    public static void Write(SourceWriter surface, SourceWriter core, string signature, Action body)
    {
        Forward(surface, signature, arguments: null);
        core.Line();
        WriteSignature(core, signature, string.Empty);
        using (core.Block(null))
        {
            // One caller at a time, before the argument checks: a second thread is refused before anything is written.
            core.Line("using var caller = _callerGate.Enter(\"" + Name(signature) + "\");");
            body();
        }
    }

    /// <summary>The method's name in <paramref name="signature"/>.</summary>
    private static string Name(string signature)
    {
        string head = signature.Substring(0, signature.IndexOf('('));
        return head.Substring(head.LastIndexOf(' ') + 1);
    }

    /// <summary>
    /// Writes, in <paramref name="surface"/>, <paramref name="signature"/> forwarded to the method of the same name of the
    /// machinery with <paramref name="arguments"/> (by default the parameters, in order).
    /// </summary>
    public static void Forward(SourceWriter surface, string signature, string? arguments)
    {
        string[] parameters = Parameters(signature);
        string head = signature.Substring(0, signature.IndexOf('('));
        string name = head.Substring(head.LastIndexOf(' ') + 1);
        arguments ??= string.Join(", ", parameters.Select(p => p.Substring(p.LastIndexOf(' ') + 1)));
        if (surface.SkipsDocComments)
        {
            // The int-label overload: the byte-label overload's docs, which say the same.
            string byteOverload = string.Join(", ", parameters.Select(p => p.Substring(0, p.LastIndexOf(' ')).Replace("<int>", "<byte>")));
            surface.SkipsDocComments = false;
            surface.Line("/// <inheritdoc cref=\"" + name + "(" + byteOverload.Replace('<', '{').Replace('>', '}') + ")\"/>");
            surface.SkipsDocComments = true;
        }

        EmitterText.WriteGeneratedCode(surface);
        WriteSignature(surface, signature, " =>");
        surface.Line("    " + Names.CoreField + "." + name + "(" + arguments + ");");
    }

    /// <summary>The signature on one line, or its parameters one per line when it is long.</summary>
    private static void WriteSignature(SourceWriter writer, string signature, string suffix)
    {
        if (signature.Length <= MaxLine)
        {
            writer.Line(signature + suffix);
            return;
        }

        string[] parameters = Parameters(signature);
        writer.Line(signature.Substring(0, signature.IndexOf('(') + 1));
        for (int i = 0; i < parameters.Length; i++)
            writer.Line("    " + parameters[i] + (i == parameters.Length - 1 ? ")" + suffix : ","));
    }

    private static string[] Parameters(string signature)
    {
        int open = signature.IndexOf('(');
        return signature.Substring(open + 1, signature.Length - open - 2).Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries);
    }
}
