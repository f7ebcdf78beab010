namespace NetGen.Generator.Emitting;

/// <summary>
/// Where a generated line too long to read goes on over the next: comments at a space; code after a <c>"; "</c> between
/// statements, else after the last <c>", "</c> that fits, else after the last <c>(</c>; never inside a string literal
/// or a trailing comment. C# does
/// not care about line breaks there, so a wrapped line compiles to the same code.
/// </summary>
internal static class LineBreaks
{
    /// <summary>The longest line, indentation included, written as it is.</summary>
    public const int MaxLine = 150;

    /// <summary>
    /// The index after which <paramref name="line"/> breaks to fit in <paramref name="room"/> characters, and whether the
    /// rest is a new statement (same indentation) or continues an expression (one level deeper); -1 when it cannot.
    /// </summary>
    public static (int Cut, bool NewStatement) Find(string line, int room)
    {
        if (line.StartsWith("//", System.StringComparison.Ordinal) || line.StartsWith("#", System.StringComparison.Ordinal))
            return (line.LastIndexOf(' ', room), false);

        int statement = -1, firstStatement = -1, comma = -1, paren = -1;
        bool inString = false;
        for (int i = 0; i < line.Length - 1; i++)
        {
            char c = line[i];
            if (c == '"' && (i == 0 || line[i - 1] != '\\'))
                inString = !inString;
            if (inString)
                continue;
            if (c == '/' && line[i + 1] == '/')
                break;
            if (c == ';' && line[i + 1] == ' ' && firstStatement < 0)
                firstStatement = i + 1;
            if (i + 1 >= room)
                continue;
            if (c == ';' && line[i + 1] == ' ')
                statement = i + 1;
            else if (c == ',' && line[i + 1] == ' ')
                comma = i + 1;
            else if (c == '(' && line[i + 1] != ')')
                paren = i + 1;
        }

        if (statement < 0)
            statement = firstStatement;
        return statement > 0 ? (statement, true) : (comma > 0 ? comma : paren, false);
    }
}
