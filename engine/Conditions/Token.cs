namespace EligibilityEngine.Conditions;

public enum TokenKind
{
    Identifier, Number, Percent, Money, Date, String,
    LeftParen, RightParen, LeftBracket, RightBracket, Comma, Dot,
    Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    Plus, Minus, Star, Slash,
    End,
}

/// <summary>A token of the condition language; <see cref="Offset"/> is its start in the condition text.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Offset);
