namespace EligibilityEngine.GrpcHost.Services;

/// <summary>What of a caller's own text may reach a log line: a correlation id, cut short and without control
/// characters (a caller could otherwise write megabytes, or forged lines, into the log).</summary>
public static class LogText
{
    /// <summary>Long enough for a UUID with a prefix; anything longer is cut and marked.</summary>
    public const int MaxCorrelationId = 40;

    public static string CorrelationId(string id)
    {
        var cut = id.Length <= MaxCorrelationId ? id : id[..MaxCorrelationId];
        var clean = string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c));
        return id.Length <= MaxCorrelationId ? clean : clean + "…";
    }
}
