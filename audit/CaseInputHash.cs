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
    public static string Compute(Case @case, DateOnly asOf) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(@case, asOf))));

    /// <summary>The canonical text that is hashed (and, where facts are stored, encrypted).</summary>
    public static string Canonical(Case @case, DateOnly asOf) => CaseYamlWriter.Write(@case with { CaseId = null }, asOf);
}
