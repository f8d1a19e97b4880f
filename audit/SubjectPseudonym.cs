using System.Security.Cryptography;
using System.Text;

namespace EligibilityEngine.Audit;

/// <summary>
/// The pseudonym of a data subject (betrokkene) in the log: HMAC-SHA256 of the id the caller supplies (e.g. a BSN) under
/// the deployment's key. The same id gives the same pseudonym, so an auditor holding the key finds a person's records;
/// without the key the pseudonym says nothing. The id itself is never stored or logged.
/// </summary>
public sealed class SubjectPseudonym(byte[] key)
{
    public string Of(string subjectId) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(subjectId)));
}
