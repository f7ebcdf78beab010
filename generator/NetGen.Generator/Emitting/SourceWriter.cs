using System;
using System.Text;

namespace NetGen.Generator.Emitting;

/// <summary>
/// A small indenting writer for generated C#: lines, blocks that close themselves, and multi-line text re-indented
/// to the current level. Output always uses '\n' line endings so snapshots are stable across platforms.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>
    /// Writes one line at the current indentation (an empty line stays empty). A line longer than
    /// <see cref="LineBreaks.MaxLine"/> with its indentation goes on over as many lines as it needs: a comment with its
    /// marker on each, code where <see cref="LineBreaks"/> finds room.
    /// </summary>
    public SourceWriter Line(string line = "")
    {
        if (SkipsDocComments && line.StartsWith("///", StringComparison.Ordinal))
            return this;
        int room = LineBreaks.MaxLine - _indent * IndentUnit.Length;
        if (line.Length > room)
        {
            string marker = line.StartsWith("/// ", StringComparison.Ordinal) ? "/// " : line.StartsWith("// ", StringComparison.Ordinal) ? "// " : string.Empty;
            (int cut, bool statement) = LineBreaks.Find(line, room);
            if (cut > marker.Length)
            {
                Line(line.Substring(0, cut).TrimEnd());
                string rest = marker + line.Substring(cut).TrimStart();
                if (marker.Length > 0 || statement)
                    return Line(rest);
                _indent++;
                Line(rest);
                _indent--;
                return this;
            }
        }

        if (line.Length > 0)
        {
            for (int i = 0; i < _indent; i++)
                _text.Append(IndentUnit);
            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>
    /// Whether <c>///</c> lines are dropped: set while the <c>int</c>-label overloads are written, whose docs are the
    /// <c>byte</c> overloads' (<see cref="EntryPoint"/> writes an <c>inheritdoc</c> instead).
    /// </summary>
    public bool SkipsDocComments { get; set; }

    /// <summary>Writes every line of <paramref name="text"/> at the current indentation.</summary>
    public SourceWriter Lines(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            Line(line);
        return this;
    }

    /// <summary>Writes <paramref name="header"/> (if any) and an opening brace, and indents until disposed.</summary>
    public Scope Block(string? header = null) => Block(header, "}");

    /// <summary>Like <see cref="Block(string?)"/>, closing with <paramref name="closing"/> (e.g. <c>},</c> or <c>};</c>).</summary>
    public Scope Block(string? header, string closing)
    {
        if (header is not null)
            Line(header);
        Line("{");
        _indent++;
        return new Scope(this, closing);
    }

    /// <summary>Indents until disposed, without braces.</summary>
    public Scope Indent()
    {
        _indent++;
        return new Scope(this, null);
    }

    public override string ToString() => _text.ToString();

    /// <summary>Closes what <see cref="Block"/> or <see cref="Indent"/> opened.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string? _closing;

        internal Scope(SourceWriter writer, string? closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._indent--;
            if (_closing is not null)
                _writer.Line(_closing);
        }
    }
}
