using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections.Features;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// The organisation behind a client certificate: its OIN (Organisatie-identificatienummer), which PKIoverheid
/// certificates carry in the subject's serialNumber attribute (OID 2.5.4.5).
/// </summary>
public static class OrganisationIdentity
{
    private const string SerialNumberOid = "2.5.4.5";

    /// <summary>
    /// The OIN of the caller's client certificate, read once per connection (a municipal client keeps its HTTP/2
    /// connection for many calls); null without a certificate or without an OIN.
    /// </summary>
    public static string? Of(HttpContext context)
    {
        if (context.Connection.ClientCertificate is not { } certificate) return null;
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(typeof(OrganisationIdentity), out var known)) return (string?)known;
        var oin = Oin(certificate);
        if (items is not null) items[typeof(OrganisationIdentity)] = oin;
        return oin;
    }

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
