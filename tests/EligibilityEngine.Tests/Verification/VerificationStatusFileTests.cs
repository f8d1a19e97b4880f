using EligibilityEngine.Diagnostics;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The page /regels/{version} shows the committed verification results only for the rules they were proven
/// on: a rule change without a new run would show every property as not run.</summary>
public sealed class VerificationStatusFileTests
{
    [Fact]
    public void The_committed_status_file_covers_every_version_with_its_current_content_hash()
    {
        var status = VerificationStatusFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "verification-status.json"))
            .ToDictionary(s => s.Version, s => s.ContentHash);

        var stale = RealRules.Library.Versions
            .Where(v => status.GetValueOrDefault(v.Version.Version) != v.Reference.ContentHash)
            .Select(v => v.Version.Version)
            .ToList();

        stale.ShouldBeEmpty($"regenerate with: {Regenerate}");
    }

    // A property reworded or with another formula keeps the version's content hash: without this, the page would show
    // the old statement as proven, and a formula that is now violated as proven.
    [Fact]
    public void The_committed_status_file_holds_every_legal_property_of_every_version_as_it_reads_now()
    {
        var status = VerificationStatusFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "verification-status.json")).ToDictionary(s => s.Version);
        var diagnostics = new DiagnosticBag();
        var properties = PropertyFileReader.Load(Path.Combine(RepositoryPaths.Rules, "properties"), RealRules.Library, diagnostics);

        var stale = RealRules.Library.Versions.SelectMany(v =>
        {
            var entries = status.GetValueOrDefault(v.Version.Version)?.Properties.Where(p => !p.Id.StartsWith("ingebouwd.", StringComparison.Ordinal)).ToList() ?? [];
            var current = properties.Where(p => p.AppliesTo(v, RealRules.Library)).ToList();
            return current.Where(p => !entries.Any(e => e.Id == p.Id && e.Statement == p.Statement && e.Definition == p.Definition && e.ExpectedViolation == p.ExpectedViolation))
                .Select(p => $"{v.Version.Version}: {p.Id}")
                .Concat(entries.Where(e => current.All(p => p.Id != e.Id)).Select(e => $"{v.Version.Version}: {e.Id} (no longer a property)"));
        }).ToList();

        diagnostics.Items.ShouldBeEmpty();
        stale.ShouldBeEmpty($"regenerate with: {Regenerate}");
    }

    [Fact]
    public void The_committed_status_file_holds_the_built_in_properties_of_every_version_all_proven()
    {
        var status = VerificationStatusFile.Read(Path.Combine(RepositoryPaths.Rules, "properties", "verification-status.json"));

        foreach (var version in status)
        {
            var builtIns = version.Properties.Where(p => p.Id.StartsWith("ingebouwd.", StringComparison.Ordinal)).ToList();
            builtIns.Select(p => p.Id).ShouldContain("ingebouwd.volgorde-geschiedenis", $"{version.Version}: regenerate with {Regenerate}");
            builtIns.Select(p => p.Id).ShouldContain("ingebouwd.volledigheid", version.Version);
            builtIns.Where(p => p.Status != PropertyStatus.Proven).Select(p => p.Id).ShouldBeEmpty(version.Version);
        }
    }

    private const string Regenerate =
        "eligibility verify --timeout 30 --cases samples/cases --write-status rules/beschut-werk/properties/verification-status.json";
}
