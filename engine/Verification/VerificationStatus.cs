using System.Text.Json;
using System.Text.Json.Serialization;

namespace EligibilityEngine.Verification;

/// <summary>One property's result as the status file keeps it.</summary>
/// <param name="Definition">A legal property's formula (<see cref="LegalProperty.Definition"/>) when it was verified; null
/// for a built-in one.</param>
public sealed record PropertyStatusEntry(string Id, string Statement, string? Citation, string? Url, PropertyStatus Status, double Seconds, string? Detail, string? ExpectedViolation,
    string? Definition = null);

/// <summary>What `eligibility verify` found for one version, with the content hash of the rules it was run on: a page shows
/// the results only for that content.</summary>
public sealed record VersionStatus(string Version, string ContentHash, int Events, string Solver, DateTimeOffset VerifiedAt, IReadOnlyList<PropertyStatusEntry> Properties);

/// <summary>
/// The results of `eligibility verify --write-status FILE`, read by the host for the page of a version: the solver runs
/// where it has the time (a person, CI), never on a page request. A version run again replaces its entry; others stay.
/// </summary>
public static class VerificationStatusFile
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The versions of the file; none when it does not exist. A file that cannot be read is an error naming it.</summary>
    public static IReadOnlyList<VersionStatus> Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<VersionStatus>>(File.ReadAllText(path), Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a verification status file ({ex.Message})", ex);
        }
    }

    /// <summary>Writes the results of these versions into the file, keeping the entries of versions not run now.</summary>
    public static void Write(string path, IReadOnlyList<VersionVerification> results, string solver, DateTimeOffset now)
    {
        var run = results.Select(r => new VersionStatus(r.Set.Version.Version, r.Set.Reference.ContentHash, r.Events, solver, now,
            r.Results.Select(p => new PropertyStatusEntry(p.Id, p.Statement, p.Citation, p.Url, p.Status, Math.Round(p.Time.TotalSeconds, 1), p.Detail, p.ExpectedViolation, p.Definition)).ToList())).ToList();
        var kept = Read(path).Where(v => run.All(r => r.Version != v.Version));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(kept.Concat(run).OrderBy(v => v.Version, StringComparer.Ordinal).ToList(), Options) + "\n");
    }
}
