using System;
using System.Collections.Generic;
using NetGen.Checkpoints;

namespace NetGen.Tests.Checkpoints;

public sealed class PythonLiteralParserTests
{
    [Fact]
    public void NumpyHeader_ParsesToDictOfStringBoolTuple()
    {
        object? value = PythonLiteralParser.Parse("{'descr': '<f4', 'fortran_order': False, 'shape': (784, 100), }                    \n");

        var dict = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(["descr", "fortran_order", "shape"], dict.Keys);
        Assert.Equal("<f4", dict["descr"]);
        Assert.Equal(false, dict["fortran_order"]);
        var shape = Assert.IsType<PythonTuple>(dict["shape"]);
        Assert.Equal([784L, 100L], shape.Items);
    }

    [Theory]
    [InlineData("()", "()")]
    [InlineData("(5,)", "(5,)")]
    [InlineData("( 5 , )", "(5,)")]
    [InlineData("(5)", "5")] // Python: parentheses alone make no tuple
    [InlineData("((5))", "5")]
    [InlineData("(3, 4)", "(3, 4)")]
    [InlineData("(3, 4,)", "(3, 4)")]
    [InlineData("(\n 784,\t100 )", "(784, 100)")]
    [InlineData("[]", "[]")]
    [InlineData("[1, 2,]", "[1, 2]")]
    [InlineData("[('a', '<f4'), ('b', '<i8', (2,))]", "[('a', '<f4'), ('b', '<i8', (2,))]")]
    [InlineData("{}", "{}")]
    [InlineData("{\"descr\": \"<f8\"}", "{'descr': '<f8'}")]
    [InlineData("{'a': True, 'b': None, 'c': -7, 'd': +3, 'e': 0, 'f': 000}", "{'a': True, 'b': None, 'c': -7, 'd': 3, 'e': 0, 'f': 0}")]
    [InlineData(@"'it\'s \\ \x41\u00e9'", @"'it\'s \\ Aé'")]
    [InlineData("\"it's\"", @"'it\'s'")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    public void ValidLiteral_ParsesAndFormatsBack(string text, string formatted)
    {
        Assert.Equal(formatted, PythonLiteralParser.Format(PythonLiteralParser.Parse(text)));
    }

    [Theory]
    [InlineData("", "expected a value at character 1, found the end of the text")]
    [InlineData("   ", "expected a value")]
    [InlineData("{", "expected a value at character 2, found the end")]
    [InlineData("{'descr': '<f4'", "expected ',' or '}' at character 16, found the end")]
    [InlineData("{'descr' '<f4'}", "expected ':' at character 10, found '''")]
    [InlineData("{'a': 1,, }", "expected a value at character 9, found ','")]
    [InlineData("{'a': 1} x", "expected the end of the literal at character 10, found 'x'")]
    [InlineData("{'a': 1}}", "expected the end of the literal at character 9, found '}'")]
    [InlineData("{1: 2}", "expected a string as dict key at character 2, found 1")]
    [InlineData("{'a': 1, 'a': 2}", "the key 'a' appears twice")]
    [InlineData("{'a', 'b'}", "expected ':'")] // a set
    [InlineData("(,)", "expected a value at character 2, found ','")]
    [InlineData("(3,,)", "expected a value at character 4, found ','")]
    [InlineData("(3 4)", "expected ',' or ')' at character 4, found '4'")]
    [InlineData("(3, 4", "expected ',' or ')' at character 6, found the end")]
    [InlineData("[3", "expected ',' or ']'")]
    [InlineData("'abc", "the string starting at character 1 is not closed")]
    [InlineData("'ab\nc'", "is not closed")]
    [InlineData(@"'\q'", "expected an escape sequence")]
    [InlineData(@"'\x4'", "expected 2 hexadecimal digits")]
    [InlineData("true", "found the name 'true'")]
    [InlineData("false", "found the name 'false'")]
    [InlineData("1.5", "expected a decimal integer (no floats, suffixes or separators) at character 2, found '.'")]
    [InlineData("1e3", "expected a decimal integer")]
    [InlineData("0x10", "expected a decimal integer")]
    [InlineData("1_000", "expected a decimal integer")]
    [InlineData("10L", "expected a decimal integer")]
    [InlineData("007", "leading zero")]
    [InlineData("-", "expected a digit at character 2")]
    [InlineData("- 5", "expected a digit")]
    [InlineData("99999999999999999999", "too large")]
    [InlineData("b'x'", "found the name 'b'")]
    [InlineData("'a' 'b'", "expected the end of the literal")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }\0", "found '\\x00'")]
    public void InvalidLiteral_IsFormatExceptionSayingWhatWasExpectedAndFound(string text, string message)
    {
        FormatException ex = Assert.Throws<FormatException>(() => PythonLiteralParser.Parse(text));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsRejectedWithoutStackOverflow()
    {
        string text = new string('(', 10_000) + "1" + new string(')', 10_000);
        FormatException ex = Assert.Throws<FormatException>(() => PythonLiteralParser.Parse(text));
        Assert.Contains("nests more than 32 levels", ex.Message, StringComparison.Ordinal);
    }
}
