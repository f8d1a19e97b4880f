using System.Net;
using System.Text.Json;
using EligibilityEngine.Decisions;
using EligibilityEngine.Grpc.V1;
using Citation = EligibilityEngine.Decisions.Citation;
using DiffRegion = EligibilityEngine.Verification.DiffRegion;
using RegionSide = EligibilityEngine.Verification.RegionSide;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;
using ExactDiffStatus = EligibilityEngine.Verification.ExactDiffStatus;

namespace EligibilityEngine.Tests.Web;

/// <summary>The diff page, DiffRuleSets and its JSON route show the exact difference with a switch, as `eligibility
/// exact-diffs` left it in the file (the host never runs the solver for a request), only for the content it was computed
/// on, and say plainly when there is none for the chosen pair.</summary>
[Trait(Category.Name, Category.Process)]
public sealed class ExactDiffSwitchTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ee-exact-{Guid.NewGuid():N}.json");

    /// <summary>A file holding one difference of 2026-01-01 → planned-2028-forfaitaire-lks, computed on their current rules.</summary>
    private void WriteOnePair()
    {
        var (from, to) = (RealRules.Library.Resolve("2026-01-01"), RealRules.Library.Resolve("planned-2028-forfaitaire-lks"));
        var citation = new Citation("pw", "Participatiewet art. 10d", "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel10d");
        var region = new DiffRegion(1, DecisionPartKind.Outcome, "loonkostensubsidie", "Loonkostensubsidie",
            new RegionSide("loonwaarde", "op basis van de loonwaarde", "LKS-LOONWAARDE", "Loonkostensubsidie naar loonwaarde", "finding.werkt_in_beschut_werk", citation, true),
            new RegionSide("forfaitair", "forfaitair", "LKS-FORFAITAIR", "Forfaitaire loonkostensubsidie", "finding.werkt_in_beschut_werk", citation, true),
            "as_of: 2026-03-01\nperson:\n  has_work_capacity: true\n");
        var difference = new EligibilityEngine.Verification.ExactDifference(from.Reference, to.Reference, new DateOnly(2026, 1, 1), 6, [], [region], ExactDiffStatus.Proven, 4,
            TimeSpan.FromSeconds(12.5), new Dictionary<string, string>(), null);
        ExactDiffFile.Write(_file, [difference], "z3", new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_page_and_both_apis_show_the_regions_with_witnesses_and_say_when_none_was_computed()
    {
        WriteOnePair();
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, $"--Rules:ExactDiffs={_file}");
        using var http = host.CreateHttp(null);

        // Razor writes the dash and the arrow as character references: read the page as a browser shows it.
        var page = WebUtility.HtmlDecode(await http.GetStringAsync("/regels/verschil?van=2026-01-01&naar=planned-2028-forfaitaire-lks&exact=true"));
        page.ShouldContain("Exact verschil: <strong>bewezen</strong>");
        page.ShouldContain("Gebied 1 — uitkomst Loonkostensubsidie: op basis van de loonwaarde → forfaitair");
        page.ShouldContain("door regel <code>LKS-FORFAITAIR</code>");
        page.ShouldContain("<pre class=\"getuige\">as_of: 2026-03-01");
        page.ShouldContain("<input type=\"checkbox\" id=\"exact\" name=\"exact\" value=\"true\" checked=\"checked\">");

        var without = await http.GetStringAsync("/regels/verschil?van=2026-01-01&naar=planned-2028-forfaitaire-lks");
        without.ShouldNotContain("Gebied 1");

        var other = WebUtility.HtmlDecode(await http.GetStringAsync("/regels/verschil?van=2015-01-01&naar=2026-01-01&exact=true"));
        other.ShouldContain("Voor deze twee versies is geen exact verschil vooraf berekend");
        other.ShouldNotContain("Gebied 1");

        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var rpc = await client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2026-01-01", To = "planned-2028-forfaitaire-lks", Exact = true });
        rpc.Exact.Status.ShouldBe(EligibilityEngine.Grpc.V1.ExactDiffStatus.Proven);
        rpc.Exact.Events.ShouldBe(6);
        var region = rpc.Exact.Regions.ShouldHaveSingleItem();
        region.Part.ShouldBe("uitkomst");
        region.Before.RuleId.ShouldBe("LKS-LOONWAARDE");
        region.After.Citation.Text.ShouldBe("Participatiewet art. 10d");
        region.Witness.ShouldStartWith("as_of: 2026-03-01");
        rpc.Exact.Summary.ShouldContain("bewezen dat precies de casussen in dit ene gebied een andere beslissing krijgen");
        (await client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2026-01-01", To = "planned-2028-forfaitaire-lks" })).Exact.ShouldBeNull();
        var none = await client.DiffRuleSetsAsync(new DiffRuleSetsRequest { From = "2015-01-01", To = "2026-01-01", Exact = true });
        none.Exact.Status.ShouldBe(EligibilityEngine.Grpc.V1.ExactDiffStatus.NotPrecomputed);
        none.Exact.Regions.ShouldBeEmpty();

        using var json = JsonDocument.Parse(await http.GetStringAsync("/v1/regelsets/_diff?from=2026-01-01&to=planned-2028-forfaitaire-lks&exact=true"));
        var exact = json.RootElement.GetProperty("exact");
        exact.GetProperty("status").GetString().ShouldBe("EXACT_DIFF_STATUS_PROVEN");
        exact.GetProperty("regions")[0].GetProperty("after").GetProperty("ruleId").GetString().ShouldBe("LKS-FORFAITAIR");
    }

    [Fact]
    public async Task A_difference_computed_on_other_rules_is_not_shown()
    {
        WriteOnePair();
        File.WriteAllText(_file, File.ReadAllText(_file).Replace(RealRules.Library.Resolve("2026-01-01").Reference.ContentHash, new string('0', 64)));
        await using var host = await RunningHost.StartAsync(RepositoryPaths.Rules, $"--Rules:ExactDiffs={_file}");
        using var http = host.CreateHttp(null);

        var page = WebUtility.HtmlDecode(await http.GetStringAsync("/regels/verschil?van=2026-01-01&naar=planned-2028-forfaitaire-lks&exact=true"));
        page.ShouldContain("Voor deze twee versies is geen exact verschil vooraf berekend");
        page.ShouldNotContain("Gebied 1");
    }

    public void Dispose() => File.Delete(_file);
}
