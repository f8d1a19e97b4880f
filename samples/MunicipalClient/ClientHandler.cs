using System.Security.Cryptography.X509Certificates;

namespace MunicipalClient;

/// <summary>
/// The HTTP/2 handler a municipal system calls the service with: the server's certificate checked against the given CA
/// (in production the PKIoverheid root), and the municipality's client certificate presented (mutual TLS). The load
/// client of the benchmarks compiles this same file.
/// </summary>
public static class ClientHandler
{
    public static SocketsHttpHandler Create(string? ca, string? certificate, string? key)
    {
        var handler = new SocketsHttpHandler();
        if (ca is not null)
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(ca);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return presented is X509Certificate2 server && chain.Build(server);
            };
        }

        if (certificate is not null)
        {
            // PEM certificate and key as one certificate with its key, in the form SslStream can present on every platform.
            using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null)];
        }

        return handler;
    }
}
