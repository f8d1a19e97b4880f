using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EligibilityEngine.Tests.Support;

/// <summary>
/// A certificate authority made at run time for the tests (no key is ever committed): the server's certificate for
/// 127.0.0.1, two municipalities' client certificates with an OIN, an expired one, and one from another CA nobody trusts.
/// The trust anchor and the server's certificate and key are written as PEM files for the host's configuration.
/// </summary>
public sealed class TestPki : IDisposable
{
    /// <summary>The OIN of the test municipality (the format of a PKIoverheid OIN: 20 digits).</summary>
    public const string MunicipalityOin = "00000001001234567000";

    /// <summary>The OIN of a second municipality, under the same CA.</summary>
    public const string OtherMunicipalityOin = "00000001009876543000";

    private readonly string _folder = Directory.CreateTempSubdirectory("eligibility-pki-").FullName;

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Server { get; }
    public X509Certificate2 Client { get; }
    public X509Certificate2 OtherMunicipality { get; }
    public X509Certificate2 ExpiredClient { get; }
    public X509Certificate2 UntrustedClient { get; }
    public X509Certificate2 ClientWithoutOin { get; }

    /// <summary>An intermediate CA under <see cref="Authority"/>; the host is given only the root as its anchor.</summary>
    public X509Certificate2 Intermediate { get; }

    /// <summary>The municipality's certificate issued by <see cref="Intermediate"/>, presented with it in the handshake.</summary>
    public X509Certificate2 ClientUnderIntermediate { get; }

    public string TrustAnchorFile => Path.Combine(_folder, "ca.pem");
    public string ServerCertificateFile => Path.Combine(_folder, "server.pem");
    public string ServerKeyFile => Path.Combine(_folder, "server.key");

    public TestPki()
    {
        Authority = CreateAuthority("CN=EligibilityEngine Test CA");
        using var otherAuthority = CreateAuthority("CN=Someone Else's CA");
        var now = DateTimeOffset.UtcNow;
        Server = Issue(Authority, "CN=127.0.0.1", now.AddDays(-1), now.AddDays(30), server: true);
        Client = Issue(Authority, $"CN=Gemeente Testdam, O=Gemeente Testdam, SERIALNUMBER={MunicipalityOin}", now.AddDays(-1), now.AddDays(30), server: false);
        OtherMunicipality = Issue(Authority, $"CN=Gemeente Anderstad, O=Gemeente Anderstad, SERIALNUMBER={OtherMunicipalityOin}", now.AddDays(-1), now.AddDays(30), server: false);
        ExpiredClient = Issue(Authority, $"CN=Gemeente Testdam, SERIALNUMBER={MunicipalityOin}", now.AddDays(-60), now.AddDays(-1), server: false);
        UntrustedClient = Issue(otherAuthority, $"CN=Gemeente Elders, SERIALNUMBER={MunicipalityOin}", now.AddDays(-1), now.AddDays(30), server: false);
        ClientWithoutOin = Issue(Authority, "CN=Gemeente Zonder OIN", now.AddDays(-1), now.AddDays(30), server: false);
        Intermediate = CreateAuthority("CN=EligibilityEngine Test Organisatie CA", Authority);
        ClientUnderIntermediate = Issue(Intermediate, $"CN=Gemeente Testdam, O=Gemeente Testdam, SERIALNUMBER={MunicipalityOin}", now.AddDays(-1), now.AddDays(30), server: false);
        File.WriteAllText(TrustAnchorFile, Authority.ExportCertificatePem());
        File.WriteAllText(ServerCertificateFile, Server.ExportCertificatePem());
        File.WriteAllText(ServerKeyFile, Server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Accepts the host's certificate only when the test CA issued it, as a municipal client pins PKIoverheid.</summary>
    public bool ValidateServer(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>A root CA, or with <paramref name="parent"/> an intermediate CA under it (as PKIoverheid's organisation
    /// CAs sit under its root).</summary>
    private static X509Certificate2 CreateAuthority(string subject, X509Certificate2? parent = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var (notBefore, notAfter) = (DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddYears(1));
        if (parent is null) return request.CreateSelfSigned(notBefore, notAfter);
        using var issued = request.Create(parent, notBefore, notAfter.AddDays(-1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, notBefore, notAfter, serial);
        // With its key, and exportable: SslStream needs the key of a client certificate on Linux in this form.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        foreach (var certificate in new[] { Authority, Server, Client, OtherMunicipality, ExpiredClient, UntrustedClient, ClientWithoutOin, Intermediate, ClientUnderIntermediate }) certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
