using EligibilityEngine.Cli.Rendering;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;
using Shouldly;

namespace EligibilityEngine.Tests.Verification;

/// <summary>The last lines of `eligibility verify` as a lawyer reads them, and which results fail the run (exit 1).</summary>
public sealed class VerificationTextTests
{
    private static VersionVerification Version(params PropertyResult[] results) =>
        new(RealRules.Library.Resolve("2018-01-01"), new DateOnly(2018, 1, 1), new DateOnly(2022, 6, 30), 6, results, new Dictionary<string, string>(), TimeSpan.FromSeconds(1));

    private static PropertyResult Result(string id, PropertyStatus status, string? expected = null) =>
        new(id, "Een eigenschap.", "Participatiewet art. 10b", null, status, TimeSpan.FromSeconds(1), expected);

    [Fact]
    public void A_counterexample_the_engines_do_not_confirm_fails_the_run_as_an_error_in_the_encoding_not_as_a_violation()
    {
        var result = Result("P", PropertyStatus.NotReproduced);
        var version = Version(result, Result("Q", PropertyStatus.Proven));

        result.Fails.ShouldBeTrue();
        VerificationText.Render(version, new Dictionary<PropertyResult, string>()).ShouldContain("FOUT IN DE CODERING: de motoren bevestigen dit tegenvoorbeeld niet.");
        VerificationText.Summary([version], TimeSpan.FromSeconds(2))
            .ShouldBe("FOUT IN DE CODERING: 1 tegenvoorbeeld(en) niet bevestigd door de motoren (1 versie(s) in 2,0 s).");
    }

    [Fact]
    public void A_violation_recorded_as_a_defect_of_the_law_is_counted_apart_and_does_not_fail_the_run()
    {
        var expected = Result("P", PropertyStatus.Violated, "de wet zelf");
        var version = Version(expected, Result("Q", PropertyStatus.Proven));

        expected.Fails.ShouldBeFalse();
        VerificationText.Render(version, new Dictionary<PropertyResult, string>()).ShouldContain("1 bewezen, 0 geschonden, 1 geschonden zoals verwacht, 0 onbekend");
        VerificationText.Summary([version], TimeSpan.FromSeconds(2))
            .ShouldBe("Geen enkele eigenschap onverwacht geschonden; 1 keer geschonden zoals verwacht (een bekend gebrek van de wet) (1 versie(s) in 2,0 s).");
    }

    [Fact]
    public void An_expected_violation_that_is_proven_says_the_expectation_no_longer_holds()
    {
        var version = Version(Result("P", PropertyStatus.Proven, "de wet zelf"));

        VerificationText.Render(version, new Dictionary<PropertyResult, string>())
            .ShouldContain("maar zij is bewezen: de verwachting klopt niet meer voor deze versie.");
        VerificationText.Summary([version], TimeSpan.FromSeconds(2)).ShouldBe("Geen enkele eigenschap geschonden (1 versie(s) in 2,0 s).");
    }
}
