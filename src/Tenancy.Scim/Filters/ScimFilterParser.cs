using System.Globalization;
using System.Text;
using Tenancy.Scim.Errors;

namespace Tenancy.Scim.Filters;

/// <summary>
/// Parses SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2) into an abstract syntax tree. Operators and
/// keywords are case-insensitive; <c>not</c> binds tighter than <c>and</c>, which binds tighter than <c>or</c>.
/// Every malformed input — including over-long or over-deep ones — throws <see cref="ScimException"/> with
/// <c>scimType</c> <c>invalidFilter</c> (or <c>invalidPath</c> for PATCH paths); no other exception escapes.
/// </summary>
public static class ScimFilterParser
{
    /// <summary>The longest filter accepted, in characters.</summary>
    public const int MaxLength = 8192;

    /// <summary>The deepest nesting of parentheses, <c>not</c> and value paths accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Parses a filter.</summary>
    /// <param name="filter">The filter text.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ScimException">The filter is malformed (400 <c>invalidFilter</c>).</exception>
    public static ScimFilter Parse(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ParseWhole(filter, ScimErrorType.InvalidFilter, static parser => parser.ParseFilter());
    }

    /// <summary>Parses a PATCH path such as <c>members[value eq "2819c223"]</c> or <c>emails[type eq "work"].value</c>.</summary>
    /// <param name="path">The path text.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ScimException">The path is malformed (400 <c>invalidPath</c>).</exception>
    public static ScimPatchPath ParsePatchPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseWhole(path, ScimErrorType.InvalidPath, static parser => parser.ParsePatchPath());
    }

    /// <summary>Parses an attribute path such as <c>name.familyName</c> or <c>urn:…:enterprise:2.0:User:department</c>.</summary>
    /// <param name="path">The path text.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ScimException">The path is malformed (400 <c>invalidPath</c>).</exception>
    public static ScimAttributePath ParseAttributePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseWhole(path, ScimErrorType.InvalidPath, static parser => parser.ParseAttributePathOnly());
    }

    /// <summary>Parses all of <paramref name="text"/> with <paramref name="parse"/>: trailing input is an error of <paramref name="error"/>.</summary>
    private static T ParseWhole<T>(string text, string error, Func<Parser, T> parse)
    {
        var parser = new Parser(text, error);
        var result = parse(parser);
        parser.ExpectEnd();
        return result;
    }

    internal static string OperatorName(ScimComparisonOperator op) => op switch
    {
        ScimComparisonOperator.Equal => "eq",
        ScimComparisonOperator.NotEqual => "ne",
        ScimComparisonOperator.Contains => "co",
        ScimComparisonOperator.StartsWith => "sw",
        ScimComparisonOperator.EndsWith => "ew",
        ScimComparisonOperator.GreaterThan => "gt",
        ScimComparisonOperator.GreaterThanOrEqual => "ge",
        ScimComparisonOperator.LessThan => "lt",
        _ => "le",
    };

    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '-' or '_' or '$' or '+';

    private enum TokenKind
    {
        End,
        Word,
        String,
        OpenParen,
        CloseParen,
        OpenBracket,
        CloseBracket,
    }

    private sealed class Parser
    {
        private readonly string _text;
        private readonly string _errorType;
        private int _position;
        private int _depth;
        private TokenKind _kind;
        private string _value = "";
        private int _tokenStart;

        public Parser(string text, string errorType)
        {
            _text = text;
            _errorType = errorType;
            if (text.Length > MaxLength)
            {
                throw Error($"The {Noun} is longer than {MaxLength} characters.");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                throw Error($"The {Noun} is empty.");
            }

            Next();
        }

        private string Noun => _errorType == ScimErrorType.InvalidFilter ? "filter" : "path";

        public void ExpectEnd()
        {
            if (_kind != TokenKind.End)
            {
                throw Error($"Unexpected '{Describe()}' at position {_tokenStart + 1} of the {Noun}.");
            }
        }

        public ScimFilter ParseFilter() => ParseOr(inValuePath: false);

        public ScimPatchPath ParsePatchPath()
        {
            var attribute = ParseAttributePathOnly();
            if (_kind != TokenKind.OpenBracket)
            {
                return new ScimPatchPath(attribute, null, attribute.SubAttribute);
            }

            if (attribute.SubAttribute is not null)
            {
                throw Error("A value filter applies to a multi-valued attribute, not to a sub-attribute.");
            }

            Next();
            Enter();
            var filter = ParseOr(inValuePath: true);
            _depth--;
            if (_kind != TokenKind.CloseBracket)
            {
                throw Error($"Expected ']' at position {_tokenStart + 1} of the path.");
            }

            // The sub-attribute follows the bracket without a space: read it from the raw text.
            string? sub = null;
            if (_position < _text.Length && _text[_position] == '.')
            {
                var start = ++_position;
                while (_position < _text.Length && IsWordChar(_text[_position]))
                {
                    _position++;
                }

                sub = _text[start.._position];
                if (!IsName(sub))
                {
                    throw Error($"'{sub}' is not a valid sub-attribute name.");
                }
            }

            Next();
            return new ScimPatchPath(attribute, filter, sub);
        }

        public ScimAttributePath ParseAttributePathOnly()
        {
            if (_kind != TokenKind.Word)
            {
                throw Error($"Expected an attribute name at position {_tokenStart + 1} of the {Noun}.");
            }

            var path = ToPath(_value);
            Next();
            return path;
        }

        private ScimFilter ParseOr(bool inValuePath)
        {
            var left = ParseAnd(inValuePath);
            while (IsKeyword("or"))
            {
                Next();
                var right = ParseAnd(inValuePath);
                left = new ScimLogicalFilter(ScimLogicalOperator.Or, left, right);
            }

            return left;
        }

        private ScimFilter ParseAnd(bool inValuePath)
        {
            var left = ParseUnary(inValuePath);
            while (IsKeyword("and"))
            {
                Next();
                var right = ParseUnary(inValuePath);
                left = new ScimLogicalFilter(ScimLogicalOperator.And, left, right);
            }

            return left;
        }

        private ScimFilter ParseUnary(bool inValuePath)
        {
            if (IsKeyword("not") && PeekIsOpenParen())
            {
                Next();
                return new ScimNotFilter(ParseParenthesised(inValuePath));
            }

            if (_kind == TokenKind.OpenParen)
            {
                return ParseParenthesised(inValuePath);
            }

            if (_kind != TokenKind.Word)
            {
                throw Error(_kind == TokenKind.End
                    ? $"The {Noun} ends where an attribute was expected."
                    : $"Expected an attribute name at position {_tokenStart + 1}, found '{Describe()}'.");
            }

            var path = ToPath(_value);
            Next();
            if (_kind == TokenKind.OpenBracket)
            {
                if (inValuePath)
                {
                    throw Error("Value filters cannot be nested.");
                }

                if (path.SubAttribute is not null)
                {
                    throw Error("A value filter applies to a multi-valued attribute, not to a sub-attribute.");
                }

                Next();
                Enter();
                var inner = ParseOr(inValuePath: true);
                _depth--;
                if (_kind != TokenKind.CloseBracket)
                {
                    throw Error($"Expected ']' at position {_tokenStart + 1} of the filter.");
                }

                Next();
                return new ScimValuePathFilter(path, inner);
            }

            if (inValuePath && path.SchemaUrn is not null)
            {
                throw Error("Attributes inside a value filter are sub-attributes and cannot carry a schema URN.");
            }

            if (_kind != TokenKind.Word)
            {
                throw Error($"Expected an operator after '{path}'.");
            }

            var op = _value.ToLowerInvariant();
            if (op == "pr")
            {
                Next();
                return new ScimPresentFilter(path);
            }

            var comparison = op switch
            {
                "eq" => ScimComparisonOperator.Equal,
                "ne" => ScimComparisonOperator.NotEqual,
                "co" => ScimComparisonOperator.Contains,
                "sw" => ScimComparisonOperator.StartsWith,
                "ew" => ScimComparisonOperator.EndsWith,
                "gt" => ScimComparisonOperator.GreaterThan,
                "ge" => ScimComparisonOperator.GreaterThanOrEqual,
                "lt" => ScimComparisonOperator.LessThan,
                "le" => ScimComparisonOperator.LessThanOrEqual,
                _ => throw Error($"'{Truncate(_value)}' is not a SCIM operator (eq ne co sw ew gt ge lt le pr)."),
            };
            Next();
            var value = ParseValue();
            return new ScimComparisonFilter(path, comparison, value);
        }

        private ScimFilter ParseParenthesised(bool inValuePath)
        {
            if (_kind != TokenKind.OpenParen)
            {
                throw Error("Expected '(' after 'not'.");
            }

            Next();
            Enter();
            var inner = ParseOr(inValuePath);
            _depth--;
            if (_kind != TokenKind.CloseParen)
            {
                throw Error(_kind == TokenKind.End ? "A '(' is not closed." : $"Expected ')' at position {_tokenStart + 1}, found '{Describe()}'.");
            }

            Next();
            return inner;
        }

        private object? ParseValue()
        {
            if (_kind == TokenKind.String)
            {
                var s = _value;
                Next();
                return s;
            }

            if (_kind != TokenKind.Word)
            {
                throw Error("Expected a value (a JSON string, number, true, false or null) after the operator.");
            }

            var word = _value;
            object? value;
            if (word.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                value = true;
            }
            else if (word.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                value = false;
            }
            else if (word.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                value = null;
            }
            else if (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '-')
                && decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                value = number;
            }
            else
            {
                throw Error($"'{Truncate(word)}' is not a valid value: strings must be in double quotes.");
            }

            Next();
            return value;
        }

        private ScimAttributePath ToPath(string word)
        {
            string? urn = null;
            var attribute = word;
            if (word.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                var colon = word.LastIndexOf(':');
                urn = word[..colon];
                attribute = word[(colon + 1)..];
                if (urn.Length <= 4 || attribute.Length == 0)
                {
                    throw Error($"'{Truncate(word)}' is not a valid URN-qualified attribute.");
                }
            }

            var dot = attribute.IndexOf('.', StringComparison.Ordinal);
            var name = dot < 0 ? attribute : attribute[..dot];
            var sub = dot < 0 ? null : attribute[(dot + 1)..];
            if (!IsName(name) || (sub is not null && !IsName(sub)))
            {
                throw Error($"'{Truncate(word)}' is not a valid attribute path.");
            }

            return new ScimAttributePath(urn, name, sub);
        }

        private static bool IsName(string name)
        {
            if (name == "$ref")
            {
                return true;
            }

            if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw Error($"The {Noun} nests deeper than {MaxDepth} levels.");
            }
        }

        private bool IsKeyword(string keyword) => _kind == TokenKind.Word && _value.Equals(keyword, StringComparison.OrdinalIgnoreCase);

        private bool PeekIsOpenParen()
        {
            var i = _position;
            while (i < _text.Length && _text[i] == ' ')
            {
                i++;
            }

            return i < _text.Length && _text[i] == '(';
        }

        private void Next()
        {
            while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }

            _tokenStart = _position;
            if (_position >= _text.Length)
            {
                _kind = TokenKind.End;
                _value = "";
                return;
            }

            var c = _text[_position];
            switch (c)
            {
                case '(':
                    _kind = TokenKind.OpenParen;
                    _position++;
                    return;
                case ')':
                    _kind = TokenKind.CloseParen;
                    _position++;
                    return;
                case '[':
                    _kind = TokenKind.OpenBracket;
                    _position++;
                    return;
                case ']':
                    _kind = TokenKind.CloseBracket;
                    _position++;
                    return;
                case '"':
                    _kind = TokenKind.String;
                    _value = ReadString();
                    return;
            }

            if (!IsWordChar(c))
            {
                throw Error($"Unexpected character '{(char.IsControl(c) ? ' ' : c)}' at position {_position + 1} of the {Noun}.");
            }

            var start = _position;
            while (_position < _text.Length && IsWordChar(_text[_position]))
            {
                _position++;
            }

            _kind = TokenKind.Word;
            _value = _text[start.._position];
        }

        private string ReadString()
        {
            var builder = new StringBuilder();
            _position++;
            while (_position < _text.Length)
            {
                var c = _text[_position++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c != '\\')
                {
                    if (char.IsControl(c))
                    {
                        throw Error("Control characters must be escaped inside a string value.");
                    }

                    builder.Append(c);
                    continue;
                }

                if (_position >= _text.Length)
                {
                    break;
                }

                var escape = _text[_position++];
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !ushort.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("A \\u escape needs four hexadecimal digits.");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"'\\{escape}' is not a valid escape inside a string value.");
                }
            }

            throw Error("A string value is not closed with '\"'.");
        }

        private string Describe() => _kind switch
        {
            TokenKind.End => "end",
            TokenKind.OpenParen => "(",
            TokenKind.CloseParen => ")",
            TokenKind.OpenBracket => "[",
            TokenKind.CloseBracket => "]",
            TokenKind.String => "\"" + Truncate(_value) + "\"",
            _ => Truncate(_value),
        };

        private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

        private ScimException Error(string detail) => ScimException.BadRequest(_errorType, detail);
    }
}
