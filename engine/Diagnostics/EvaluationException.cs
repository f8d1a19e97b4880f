namespace EligibilityEngine.Diagnostics;

/// <summary>A request the engine refuses, such as a date before the first rule-set version.</summary>
public sealed class EvaluationException(string message) : Exception(message);
