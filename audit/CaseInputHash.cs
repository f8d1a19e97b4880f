using System.Security.Cryptography;
using System.Text;
using EligibilityEngine.Cases;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Audit;

/// <summary>
/// SHA-256 of the canonical case input: the facts and the peildatum written as a case file (<see cref="CaseYamlWriter"/>:
/// fixed order, unknown facts left out), without the case id, which names the case but is no fact. The same facts
/// give the same hash however they were sent (gRPC, JSON, a YAML or JSON case file).
/// </summary>
public static class CaseInputHash
{
    public static string Compute(Case @case, DateOnly asOf) => Hash(Canonical(@case, asOf));

    /// <summary>The hash a record made before issue #22 holds for these facts: numbers at the scale they were sent in
    /// (<c>1.000</c>, not <c>1</c>); the same as <see cref="Compute"/> for a case without trailing zeros.</summary>
    public static string ComputeAsSent(Case @case, DateOnly asOf) => Hash(CaseYamlWriter.Write(@case with { CaseId = null }, asOf, numbersAsSent: true));

    private static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The canonical text that is hashed (and, where facts are stored, encrypted).</summary>
    public static string Canonical(Case @case, DateOnly asOf) => CaseYamlWriter.Write(@case with { CaseId = null }, asOf);
}
