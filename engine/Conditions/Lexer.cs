namespace EligibilityEngine.Conditions;

/// <summary>Splits condition text into tokens. Dates are written 2017-01-01, money €2157.00, percentages 68%.</summary>
public static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(Numeric(text, ref i));
            }
            else if (c == '€')
            {
                i++;
                while (i < text.Length && text[i] == ' ') i++;
                if (i >= text.Length || !char.IsAsciiDigit(text[i]))
                    throw new ConditionSyntaxException("expected an amount after '€'", start);
                var amount = Numeric(text, ref i);
                if (amount.Kind != TokenKind.Number) throw new ConditionSyntaxException("expected an amount after '€'", start);
                tokens.Add(new Token(TokenKind.Money, amount.Text, start));
            }
            else if (c == '\'')
            {
                i++;
                while (i < text.Length && text[i] != '\'') i++;
                if (i >= text.Length) throw new ConditionSyntaxException("text value is not closed with '", start);
                tokens.Add(new Token(TokenKind.String, text[(start + 1)..i], start));
                i++;
            }
            else
            {
                var (kind, length) = Symbol(text, i);
                if (length == 0) throw new ConditionSyntaxException($"unexpected character '{c}'", start);
                tokens.Add(new Token(kind, text.Substring(i, length), start));
                i += length;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static Token Numeric(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        // yyyy-mm-dd is a date literal, not a subtraction.
        if (i - start == 4 && Matches(text, i, "-dd-dd"))
        {
            i += 6;
            return new Token(TokenKind.Date, text[start..i], start);
        }

        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }

        if (i < text.Length && text[i] == '%')
        {
            i++;
            return Checked(new Token(TokenKind.Percent, text[start..(i - 1)], start));
        }

        return Checked(new Token(TokenKind.Number, text[start..i], start));
    }

    /// <summary>A number beyond the range of <see cref="decimal"/> is a syntax error here, not an overflow later.</summary>
    private static Token Checked(Token number) =>
        decimal.TryParse(number.Text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? number
            : throw new ConditionSyntaxException("the number is too large (at most 28 digits)", number.Offset);

    private static bool Matches(string text, int at, string pattern)
    {
        if (at + pattern.Length > text.Length) return false;
        for (var k = 0; k < pattern.Length; k++)
        {
            var ok = pattern[k] == 'd' ? char.IsAsciiDigit(text[at + k]) : text[at + k] == pattern[k];
            if (!ok) return false;
        }

        return true;
    }

    private static (TokenKind, int) Symbol(string text, int i)
    {
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        return text[i] switch
        {
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '=' => (TokenKind.Equal, next == '=' ? 2 : 1),
            '!' when next == '=' => (TokenKind.NotEqual, 2),
            '<' when next == '=' => (TokenKind.LessOrEqual, 2),
            '<' when next == '>' => (TokenKind.NotEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when next == '=' => (TokenKind.GreaterOrEqual, 2),
            '>' => (TokenKind.Greater, 1),
            _ => (TokenKind.End, 0),
        };
    }
}
