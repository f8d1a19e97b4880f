using System.Globalization;

namespace EligibilityEngine.Conditions;

/// <summary>
/// Recursive-descent parser for conditions. Precedence, loosest first: or; and; not; comparison / in / is known;
/// + -; * /; unary minus; primary.
/// </summary>
public sealed class Parser
{
    /// <summary>Brackets, <c>not</c>s and minus signs inside each other, at most. Far beyond any rule; the parser and the
    /// compiler recurse, and a condition nested thousands deep must be an error, not a stack overflow.</summary>
    public const int MaxNesting = 32;

    /// <summary>The parsed tree's depth, at most: bounds long chains (<c>a and b and …</c>) that parse without nesting.</summary>
    public const int MaxDepth = 128;

    private static readonly HashSet<string> Reserved = ["and", "or", "not", "in", "is", "known", "unknown", "where", "true", "false"];

    private readonly List<Token> _tokens;
    private int _position;
    private int _nesting;

    private Parser(string text) => _tokens = Lexer.Tokenize(text);

    public static Node Parse(string text)
    {
        var parser = new Parser(text);
        if (parser.Current.Kind == TokenKind.End) throw new ConditionSyntaxException("the condition is empty", 0);
        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
            throw new ConditionSyntaxException($"unexpected '{parser.Current.Text}' after a complete condition", parser.Current.Offset);
        AstDepth.Check(node, MaxDepth);
        return node;
    }

    /// <summary>Runs one level of nesting, refusing to go deeper than <see cref="MaxNesting"/>.</summary>
    private Node Nested(int offset, Func<Node> parse)
    {
        if (++_nesting > MaxNesting)
            throw new ConditionSyntaxException($"the condition is nested more than {MaxNesting} levels deep", offset);
        var node = parse();
        _nesting--;
        return node;
    }

    private Token Current => _tokens[_position];

    private Token Advance() => _tokens[_position++];

    private bool IsKeyword(string word) => Current.Kind == TokenKind.Identifier && Current.Text == word;

    private Token Expect(TokenKind kind, string what)
    {
        if (Current.Kind != kind)
            throw new ConditionSyntaxException($"expected {what} but found {Describe(Current)}", Current.Offset);
        return Advance();
    }

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "the end of the condition" : $"'{token.Text}'";

    private Node ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            var op = Advance();
            left = new BinaryNode(BinaryOperator.Or, left, ParseAnd(), op.Offset);
        }

        return left;
    }

    private Node ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("and"))
        {
            var op = Advance();
            left = new BinaryNode(BinaryOperator.And, left, ParseNot(), op.Offset);
        }

        return left;
    }

    private Node ParseNot()
    {
        if (IsKeyword("not"))
        {
            var op = Advance();
            return new UnaryNode(UnaryOperator.Not, Nested(op.Offset, ParseNot), op.Offset);
        }

        return ParseComparison();
    }

    private Node ParseComparison()
    {
        var left = ParseAdditive();
        var op = Current;
        BinaryOperator? comparison = op.Kind switch
        {
            TokenKind.Equal => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (comparison is { } cmp)
        {
            Advance();
            return new BinaryNode(cmp, left, ParseAdditive(), op.Offset);
        }

        if (IsKeyword("in")) { Advance(); return new InNode(left, ParseList(), false, op.Offset); }

        if (IsKeyword("not") && _tokens[_position + 1] is { Kind: TokenKind.Identifier, Text: "in" })
        {
            Advance();
            Advance();
            return new InNode(left, ParseList(), true, op.Offset);
        }

        if (IsKeyword("is"))
        {
            Advance();
            if (IsKeyword("known")) { Advance(); return new IsKnownNode(left, true, op.Offset); }
            if (IsKeyword("unknown")) { Advance(); return new IsKnownNode(left, false, op.Offset); }
            throw new ConditionSyntaxException($"expected 'known' or 'unknown' after 'is' but found {Describe(Current)}", Current.Offset);
        }

        return left;
    }

    private List<Node> ParseList()
    {
        if (Current.Kind == TokenKind.Identifier) return [ParseIdentifier()];
        Expect(TokenKind.LeftBracket, "'[' or a list parameter after 'in'");
        var items = new List<Node>();
        if (Current.Kind != TokenKind.RightBracket)
        {
            items.Add(ParseAdditive());
            while (Current.Kind == TokenKind.Comma) { Advance(); items.Add(ParseAdditive()); }
        }

        Expect(TokenKind.RightBracket, "',' or ']' in the list");
        return items;
    }

    private Node ParseAdditive() =>
        ParseLeftAssociative(ParseMultiplicative, (TokenKind.Plus, BinaryOperator.Add), (TokenKind.Minus, BinaryOperator.Subtract));

    private Node ParseMultiplicative() =>
        ParseLeftAssociative(ParseUnary, (TokenKind.Star, BinaryOperator.Multiply), (TokenKind.Slash, BinaryOperator.Divide));

    /// <summary>One precedence level of left-associative operators: operand (op operand)*.</summary>
    private Node ParseLeftAssociative(Func<Node> operand, params (TokenKind Token, BinaryOperator Operator)[] operators)
    {
        var left = operand();
        while (Array.FindIndex(operators, o => o.Token == Current.Kind) is var index and >= 0)
        {
            var op = Advance();
            left = new BinaryNode(operators[index].Operator, left, operand(), op.Offset);
        }

        return left;
    }

    private Node ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            return new UnaryNode(UnaryOperator.Negate, Nested(op.Offset, ParseUnary), op.Offset);
        }

        return ParsePrimary();
    }

    private Node ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralNode(LiteralKind.Number, token.Text, token.Offset);
            case TokenKind.Percent:
                Advance();
                var fraction = decimal.Parse(token.Text, CultureInfo.InvariantCulture) / 100m;
                return new LiteralNode(LiteralKind.Number, fraction.ToString(CultureInfo.InvariantCulture), token.Offset);
            case TokenKind.Money:
                Advance();
                return new LiteralNode(LiteralKind.Money, token.Text, token.Offset);
            case TokenKind.Date:
                Advance();
                if (!DateOnly.TryParseExact(token.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    throw new ConditionSyntaxException($"'{token.Text}' is not a valid date", token.Offset);
                return new LiteralNode(LiteralKind.Date, token.Text, token.Offset);
            case TokenKind.String:
                Advance();
                return new LiteralNode(LiteralKind.Text, token.Text, token.Offset);
            case TokenKind.LeftParen:
                Advance();
                var inner = Nested(token.Offset, ParseOr);
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier:
                return ParseIdentifier();
            default:
                throw new ConditionSyntaxException($"expected a value but found {Describe(token)}", token.Offset);
        }
    }

    private Node ParseIdentifier()
    {
        var first = Advance();
        if (first.Text is "true" or "false") return new LiteralNode(LiteralKind.Bool, first.Text, first.Offset);
        if (Reserved.Contains(first.Text))
            throw new ConditionSyntaxException($"expected a value but found the keyword '{first.Text}'", first.Offset);

        if (Current.Kind == TokenKind.LeftParen)
        {
            return IsAggregate(first.Text) ? ParseAggregate(first) : ParseCall(first);
        }

        var name = first.Text;
        while (Current.Kind == TokenKind.Dot)
        {
            Advance();
            name += "." + Expect(TokenKind.Identifier, "a name after '.'").Text;
        }

        // A dotted call such as System.IO.File.Exists(...) parses, so that the compiler can reject it by name.
        if (Current.Kind == TokenKind.LeftParen) return ParseCall(first with { Text = name });

        var nameNode = new NameNode(name, first.Offset);
        if (Current.Kind != TokenKind.LeftBracket) return nameNode;

        Advance();
        var keys = new List<Node> { Nested(first.Offset, ParseAdditive) };
        while (Current.Kind == TokenKind.Comma) { Advance(); keys.Add(Nested(first.Offset, ParseAdditive)); }
        Expect(TokenKind.RightBracket, "',' or ']' after the table keys");
        return new IndexNode(nameNode, keys, first.Offset);
    }

    private static bool IsAggregate(string name) => name is "exists" or "count" or "latest" or "earliest" or "sum";

    private Node ParseAggregate(Token keyword)
    {
        var kind = keyword.Text switch
        {
            "exists" => AggregateKind.Exists,
            "count" => AggregateKind.Count,
            "latest" => AggregateKind.Latest,
            "earliest" => AggregateKind.Earliest,
            _ => AggregateKind.Sum,
        };
        Advance();
        var collection = Expect(TokenKind.Identifier, "the name of a collection (an event type or employees)");
        Node? where = null;
        if (IsKeyword("where"))
        {
            Advance();
            where = Nested(keyword.Offset, ParseOr);
        }

        Expect(TokenKind.RightParen, where is null ? "'where' or ')'" : "')'");
        string? field = null;
        if (kind is AggregateKind.Latest or AggregateKind.Earliest or AggregateKind.Sum)
        {
            Expect(TokenKind.Dot, $"'.field' after {keyword.Text}(...), e.g. {keyword.Text}({collection.Text}).date");
            field = Expect(TokenKind.Identifier, "a field name").Text;
        }

        return new AggregateNode(kind, collection.Text, where, field, keyword.Offset, collection.Offset);
    }

    private Node ParseCall(Token function)
    {
        Advance();
        var arguments = new List<Node>();
        if (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(Nested(function.Offset, ParseOr));
            while (Current.Kind == TokenKind.Comma) { Advance(); arguments.Add(Nested(function.Offset, ParseOr)); }
        }

        Expect(TokenKind.RightParen, "',' or ')' in the argument list");
        return new CallNode(function.Text, arguments, function.Offset);
    }
}
