namespace EligibilityEngine.Conditions;

/// <summary>A syntax error in a condition, at a character offset of the condition text.</summary>
public sealed class ConditionSyntaxException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
