using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EligibilityEngine.Host.Security;

/// <summary>
/// Checks a client certificate in the TLS handshake: it must chain to the configured trust anchor (not the machine's
/// store: a certificate any public CA issued is no municipal identity), be valid today, be meant for client
/// authentication and carry an OIN. A certificate that fails ends the handshake.
/// </summary>
public sealed class ClientCertificateValidator(X509Certificate2Collection anchors, ILogger logger)
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The CA certificates of the PEM file; read at start-up, so that a missing or empty file stops the host.</summary>
    public static X509Certificate2Collection LoadAnchors(string pemFile)
    {
        if (!File.Exists(pemFile)) throw new SecurityConfigurationException($"Security:ClientCertificates:TrustAnchorFile {pemFile} does not exist");
        var anchors = new X509Certificate2Collection();
        anchors.ImportFromPemFile(pemFile);
        if (anchors.Count == 0) throw new SecurityConfigurationException($"Security:ClientCertificates:TrustAnchorFile {pemFile} holds no certificate");
        return anchors;
    }

    /// <param name="presented">The handshake's chain, whose extra store holds the intermediates the client sent with its
    /// certificate: a PKIoverheid certificate chains to the root only through its organisation CA.</param>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors _)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        // Intermediates help build the chain; only the anchors are trusted.
        if (presented is not null) chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        // Revocation is not checked here (the host fetches no CRL or OCSP): docs/integration.md says so.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthenticationOid));
        if (!chain.Build(certificate))
        {
            // The status flags only (untrusted root, expired, …): a certificate's subject names an organisation, not a
            // person, but the log needs no more than why.
            logger.LogWarning("Client certificate refused in the TLS handshake: {Reasons}",
                string.Join(", ", chain.ChainStatus.Select(s => s.Status)));
            return false;
        }

        if (OrganisationIdentity.Oin(certificate) is null)
        {
            logger.LogWarning("Client certificate refused in the TLS handshake: its subject has no serialNumber with a 20-digit OIN");
            return false;
        }

        return true;
    }
}
