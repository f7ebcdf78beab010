using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Checkpoints;

/// <summary>
/// Reads the subset of Python literal syntax that an <c>.npy</c> header is written in (what
/// <c>ast.literal_eval</c> accepts, minus floats, bytes, sets and implicit string concatenation): single- or
/// double-quoted strings, decimal integers, <c>True</c>, <c>False</c>, <c>None</c>, tuples (with Python's rule that
/// <c>(5)</c> is an integer and <c>(5,)</c> a tuple), lists and dicts with string keys.
/// </summary>
/// <remarks>
/// Values come back as <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <see langword="null"/>
/// (<c>None</c>), <see cref="PythonTuple"/>, <see cref="List{T}"/> of values, and <see cref="Dictionary{TKey, TValue}"/>
/// from string to value. Anything else, including trailing text after the literal, is a <see cref="FormatException"/>
/// that says what was expected, what was found and where.
/// </remarks>
internal sealed class PythonLiteralParser
{
    private const int MaxDepth = 32;

    private readonly string _text;
    private int _position;

    private PythonLiteralParser(string text) => _text = text;

    /// <summary>Parses exactly one literal; only whitespace may surround it.</summary>
    /// <param name="text">The text of the literal.</param>
    /// <returns>The value (see the type's remarks for the representation).</returns>
    /// <exception cref="FormatException">The text is not one literal of the supported subset.</exception>
    public static object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new PythonLiteralParser(text);
        object? value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position != text.Length)
            throw parser.Error("the end of the literal");
        return value;
    }

    /// <summary>Writes a value back as Python's <c>repr</c> would, for error messages.</summary>
    /// <param name="value">A value as returned by <see cref="Parse"/>.</param>
    /// <returns>The Python source text of the value.</returns>
    public static string Format(object? value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("None");
                break;
            case bool b:
                text.Append(b ? "True" : "False");
                break;
            case long n:
                text.Append(n.ToString(CultureInfo.InvariantCulture));
                break;
            case string s:
                AppendString(text, s);
                break;
            case PythonTuple tuple:
                text.Append('(');
                for (int i = 0; i < tuple.Items.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Append(text, tuple.Items[i]);
                }

                if (tuple.Items.Count == 1) text.Append(',');
                text.Append(')');
                break;
            case List<object?> list:
                text.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    Append(text, list[i]);
                }

                text.Append(']');
                break;
            case Dictionary<string, object?> dict:
                text.Append('{');
                bool first = true;
                foreach (KeyValuePair<string, object?> pair in dict)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    AppendString(text, pair.Key);
                    text.Append(": ");
                    Append(text, pair.Value);
                }

                text.Append('}');
                break;
            default:
                text.Append(value);
                break;
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('\'');
        foreach (char c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\'': text.Append(@"\'"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                default:
                    if (c < ' ' || c == '\x7f')
                        text.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        text.Append('\'');
    }

    private object? ParseValue(int depth)
    {
        if (depth > MaxDepth)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the literal nests more than {MaxDepth} levels deep at character {_position + 1}"));
        SkipWhitespace();
        if (_position >= _text.Length)
            throw Error("a value");
        char c = _text[_position];
        return c switch
        {
            '{' => ParseDict(depth),
            '(' => ParseParenthesized(depth),
            '[' => ParseList(depth),
            '\'' or '"' => ParseString(),
            '-' or '+' or (>= '0' and <= '9') => ParseInteger(),
            _ when IsNameStart(c) => ParseName(),
            _ => throw Error("a value"),
        };
    }

    private Dictionary<string, object?> ParseDict(int depth)
    {
        _position++; // '{'
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return dict;
            }

            int keyPosition = _position;
            object? key = ParseValue(depth + 1);
            if (key is not string name)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"expected a string as dict key at character {keyPosition + 1}, found {Format(key)}"));
            if (dict.ContainsKey(name))
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the key {Format(name)} appears twice (again at character {keyPosition + 1})"));
            Expect(':');
            dict.Add(name, ParseValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            if (Peek() == '}')
            {
                _position++;
                return dict;
            }

            throw Error("',' or '}'");
        }
    }

    private object? ParseParenthesized(int depth)
    {
        _position++; // '('
        SkipWhitespace();
        if (Peek() == ')')
        {
            _position++;
            return new PythonTuple(Array.Empty<object?>());
        }

        object? first = ParseValue(depth + 1);
        SkipWhitespace();
        if (Peek() == ')')
        {
            _position++;
            return first; // (x) is x, not a tuple
        }

        if (Peek() != ',')
            throw Error("',' or ')'");
        _position++;
        var items = new List<object?> { first };
        ParseSequenceTail(items, ')', depth);
        return new PythonTuple(items);
    }

    private List<object?> ParseList(int depth)
    {
        _position++; // '['
        var items = new List<object?>();
        ParseSequenceTail(items, ']', depth);
        return items;
    }

    // After an opening bracket or a comma: (value (',' value)* ','?)? close
    private void ParseSequenceTail(List<object?> items, char close, int depth)
    {
        while (true)
        {
            SkipWhitespace();
            if (Peek() == close)
            {
                _position++;
                return;
            }

            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _position++;
                continue;
            }

            if (Peek() == close)
            {
                _position++;
                return;
            }

            throw Error("',' or '" + close + "'");
        }
    }

    private string ParseString()
    {
        int start = _position;
        char quote = _text[_position++];
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the string starting at character {start + 1} is not closed"));
            char c = _text[_position++];
            if (c == quote)
                return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the string starting at character {start + 1} is not closed"));
            char escape = _text[_position++];
            switch (escape)
            {
                case '\\': value.Append('\\'); break;
                case '\'': value.Append('\''); break;
                case '"': value.Append('"'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'x': value.Append(ParseHexEscape(2)); break;
                case 'u': value.Append(ParseHexEscape(4)); break;
                default:
                    _position--;
                    throw Error("an escape sequence (\\\\, \\', \\\", \\n, \\r, \\t, \\xhh or \\uhhhh)");
            }
        }
    }

    private char ParseHexEscape(int digits)
    {
        if (_position + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
            throw Error(string.Create(CultureInfo.InvariantCulture, $"{digits} hexadecimal digits"));
        _position += digits;
        return (char)code;
    }

    private long ParseInteger()
    {
        int start = _position;
        bool negative = false;
        if (_text[_position] is '-' or '+')
        {
            negative = _text[_position] == '-';
            _position++;
        }

        int digitsStart = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            _position++;
        if (_position == digitsStart)
            throw Error("a digit");
        if (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] is '.' or '_'))
            throw Error("a decimal integer (no floats, suffixes or separators)");
        ReadOnlySpan<char> digits = _text.AsSpan(digitsStart, _position - digitsStart);
        if (digits.Length > 1 && digits[0] == '0' && digits.ContainsAnyExcept('0'))
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the integer at character {start + 1} has a leading zero, which Python does not allow"));
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long magnitude))
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the integer at character {start + 1} is too large"));
        return negative ? -magnitude : magnitude;
    }

    private object? ParseName()
    {
        int start = _position;
        while (_position < _text.Length && (IsNameStart(_text[_position]) || char.IsAsciiDigit(_text[_position])))
            _position++;
        string name = _text[start.._position];
        return name switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"expected a value at character {start + 1}, found the name '{name}' (only True, False and None are literals)")),
        };
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private void Expect(char c)
    {
        SkipWhitespace();
        if (Peek() != c)
            throw Error("'" + c + "'");
        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
            _position++;
    }

    private FormatException Error(string expected)
    {
        string found = _position >= _text.Length
            ? "the end of the text"
            : "'" + (char.IsControl(_text[_position])
                ? @"\x" + ((int)_text[_position]).ToString("x2", CultureInfo.InvariantCulture)
                : _text[_position].ToString()) + "'";
        return new FormatException(string.Create(CultureInfo.InvariantCulture, $"expected {expected} at character {_position + 1}, found {found}"));
    }
}
