using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Web;

/// <summary>The page of a version lists its legal properties with what `eligibility verify --write-status` found, only for
/// the rules that were verified (their content hash); the host never runs the solver for a page.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class PropertyStatusPageTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ee-status-{Guid.NewGuid():N}.json");

    private static string Entry(string version, string hash) => $$"""
          {
            "version": "{{version}}",
            "content_hash": "{{hash}}",
            "events": 6,
            "solver": "z3",
            "verified_at": "2026-12-03T18:00:00+00:00",
            "properties": [
              { "id": "PLICHT-PAS-VANAF-2017", "statement": "De gemeente heeft pas vanaf 1 januari 2017 de plicht.", "citation": "Participatiewet art. 10b lid 4",
                "url": "https://wetten.overheid.nl/BWBR0015703/2017-01-01#Artikel10b", "status": "proven", "seconds": 0.2, "detail": null, "expected_violation": null },
              { "id": "LOONWAARDE-ZONDER-INVLOED", "statement": "De loonwaarde verandert het advies nooit.", "citation": "Besluit advisering beschut werk art. 3",
                "url": null, "status": "unknown", "seconds": 10.1, "detail": null, "expected_violation": null }
            ]
          }
        """;

    [Fact]
    public async Task A_version_shows_each_property_with_its_status_and_a_changed_or_unverified_version_says_not_run()
    {
        var hash = RealRules.Library.Resolve("2015-01-01").Reference.ContentHash;
        File.WriteAllText(_file, $"[\n{Entry("2015-01-01", hash)},\n{Entry("2017-01-01", new string('0', 64))}\n]\n");
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, $"--Rules:VerificationStatus={_file}");
        using var http = host.CreateHttp(null);

        var verified = await http.GetStringAsync("/regels/2015-01-01");
        verified.ShouldContain("PLICHT-PAS-VANAF-2017");
        verified.ShouldContain("<td>bewezen</td>");
        verified.ShouldContain("<td>onbekend (de oplosser had niet genoeg tijd)</td>");
        verified.ShouldContain("ten hoogste 6 gebeurtenissen");

        var changed = await http.GetStringAsync("/regels/2017-01-01");
        changed.ShouldContain("Niet uitgevoerd voor deze regels.");
        changed.ShouldContain("<td>niet uitgevoerd</td>");
        changed.ShouldNotContain("<td>bewezen</td>");

        var never = await http.GetStringAsync("/regels/2018-01-01");
        never.ShouldContain("Niet uitgevoerd: voor deze versie zijn de eigenschappen nog niet met de oplosser nagegaan");
    }

    public void Dispose() => File.Delete(_file);
}
