using System.Security.Cryptography.X509Certificates;

namespace EligibilityEngine.GrpcHost.Security;

/// <summary>
/// The organisation behind a client certificate: its OIN (Organisatie-identificatienummer), which PKIoverheid
/// certificates carry in the subject's serialNumber attribute (OID 2.5.4.5).
/// </summary>
public static class OrganisationIdentity
{
    private const string SerialNumberOid = "2.5.4.5";

    /// <summary>The OIN: 20 digits. Null when the subject has no serialNumber of that form.</summary>
    public static string? Oin(X509Certificate2 certificate)
    {
        foreach (var name in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (name.GetSingleElementType().Value != SerialNumberOid) continue;
            var value = name.GetSingleElementValue();
            return value is { Length: 20 } && value.All(char.IsAsciiDigit) ? value : null;
        }

        return null;
    }
}
