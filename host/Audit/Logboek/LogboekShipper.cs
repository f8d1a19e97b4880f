using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EligibilityEngine.Audit;
using EligibilityEngine.Host.Otlp.Collector;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host.Audit.Logboek;

/// <summary>
/// Ships the decision records to the organisation's Logboek Dataverwerkingen over OTLP/gRPC
/// (<c>TraceService/Export</c>), in chain order. The local store is the outbox: a record is committed there before its
/// decision is given, shipped afterwards, and counts as shipped only when the Logboek answered the export without
/// rejected spans (the standard: "Het Logboek MOET het wegschrijven van elke logregel bevestigen"). The acknowledged
/// position is kept in the store, so a restart resumes after it: no record skipped, a record sent twice only when an
/// answer was lost (each keeps its ids, so the Logboek can drop the second). Failures wait, doubling up to a limit;
/// the host serves meanwhile and the backlog grows, nothing is dropped.
/// </summary>
public sealed class LogboekShipper(DecisionLog log, IOptions<AuditOptions> options, ShippingStatus status, IConfiguration configuration,
    TimeProvider time, ILogger<LogboekShipper> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan NotLeading = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var settings = options.Value.Logboek;
        var store = log.ChainStore!;
        var receiver = settings.Endpoint!;
        using var channel = Channel(settings);
        var client = new TraceService.TraceServiceClient(channel);
        var resource = LogboekSpan.Resource(configuration["OTEL_SERVICE_NAME"] ?? "eligibility-engine", settings.ResourceAttributes);
        var backoff = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var lease = await store.TryLeadShippingAsync(stopping);
                if (lease is null)
                {
                    // Another replica ships: the backlog is what it has not had acknowledged yet, as the store says.
                    status.Following(await AcknowledgedAsync(store, receiver, stopping), await store.LastPositionAsync(stopping));
                    await Task.Delay(NotLeading, stopping);
                    continue;
                }

                var acknowledged = await AcknowledgedAsync(store, receiver, stopping);
                while (!stopping.IsCancellationRequested)
                {
                    var last = await store.LastPositionAsync(stopping);
                    status.Progress(acknowledged, last);
                    if (last <= acknowledged)
                    {
                        await Task.Delay(Idle, stopping);
                        continue;
                    }

                    var batch = await store.ReadChainAsync(acknowledged, settings.MaxBatch, stopping);
                    if (batch.Count == 0) continue;
                    if (batch[0].Position != acknowledged + 1 || batch[^1].Position != batch[0].Position + batch.Count - 1)
                        logger.LogError("Positions after {Acknowledged} are missing from the audit store: records were deleted (eligibility audit verify names them)", acknowledged);
                    var response = await client.ExportAsync(LogboekSpan.Request(batch, resource), deadline: time.GetUtcNow().UtcDateTime.AddSeconds(settings.TimeoutSeconds),
                        cancellationToken: stopping);
                    if (response.PartialSuccess is { RejectedSpans: > 0 } refused)
                        throw new LogboekRefusedException($"the Logboek rejected {refused.RejectedSpans} of {batch.Count} record(s): {refused.ErrorMessage}");
                    await store.AcknowledgeAsync(receiver, batch[^1].Position, stopping);
                    acknowledged = batch[^1].Position;
                    status.Acknowledged();
                    backoff = TimeSpan.Zero;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var reason = Reason(ex);
                status.Failed(reason, time.GetUtcNow());
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, settings.MaxBackoffSeconds));
                logger.LogWarning("Decision records not shipped to the Logboek ({Backlog} waiting), next attempt in {Backoff} s: {Reason}",
                    status.Backlog, backoff.TotalSeconds, reason);
                await Remember(store, receiver, reason);
                try
                {
                    await Task.Delay(backoff, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<long> AcknowledgedAsync(SqlDecisionStore store, string receiver, CancellationToken cancellation) =>
        (await store.ShippingStatesAsync(cancellation)).FirstOrDefault(s => s.Receiver == receiver)?.AcknowledgedPosition ?? 0;

    /// <summary>The failure as `eligibility audit status` shows it; the store may be what failed, so best effort.</summary>
    private async Task Remember(SqlDecisionStore store, string receiver, string reason)
    {
        try
        {
            await store.ShippingFailedAsync(receiver, reason);
        }
        catch (Exception ex)
        {
            logger.LogDebug("Shipping failure not kept in the store: {Message}", ex.Message);
        }
    }

    /// <summary>Why, without the request: a transport or receiver message names the fault, never a record.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}{(rpc.Status.DebugException is { } inner ? " (" + Innermost(inner).Message + ")" : "")}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    /// <summary>The channel to the Logboek: TLS for https, with this host's client certificate and the Logboek's CA
    /// where configured (read at start-up: a file that cannot be read stops the host).</summary>
    public static GrpcChannel Channel(LogboekOptions settings)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) };
        if (settings.ClientCertificateFile is { Length: > 0 } certificate)
            handler.SslOptions.ClientCertificates = [X509Certificate2.CreateFromPemFile(certificate, settings.ClientKeyFile)];
        if (settings.TrustAnchorFile is { Length: > 0 } anchorFile)
        {
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(anchorFile);
            // A file without a certificate would refuse every Logboek: a broken setting, not an outage.
            if (anchors.Count == 0) throw new CryptographicException($"{anchorFile} holds no PEM certificate");
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
            {
                if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
            };
        }

        return GrpcChannel.ForAddress(settings.Endpoint!, new GrpcChannelOptions { HttpHandler = handler });
    }
}

/// <summary>The Logboek answered, but did not take every record: nothing of the batch counts as shipped.</summary>
public sealed class LogboekRefusedException(string message) : Exception(message);
