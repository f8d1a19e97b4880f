using EligibilityEngine.Host;
using EligibilityEngine.Tests.Support;
using EligibilityEngine.Verification;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Tests.Web;

/// <summary>The solver's precomputed results are read once, not per request, yet a file rewritten by
/// <c>verify --write-status</c> shows without a restart, and a broken file is refused until it is mended.</summary>
public sealed class PrecomputedResultsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ee-precomputed-");

    [Fact]
    public void A_status_file_that_changes_is_read_again_and_a_broken_one_is_refused_until_mended()
    {
        var committed = Path.Combine(RepositoryPaths.Rules, "properties", "verification-status.json");
        var path = Path.Combine(_folder.FullName, "status.json");
        var results = new PrecomputedResults(Options.Create(new RulesOptions { Directory = _folder.FullName, VerificationStatus = "status.json" }));

        results.Statuses.ShouldBeEmpty("no file: nothing was verified");

        File.WriteAllText(path, "geen json");
        Should.Throw<InvalidDataException>(() => results.Statuses);
        Should.Throw<InvalidDataException>(() => results.Statuses, "a broken file is not remembered as empty");

        File.Copy(committed, path, overwrite: true);
        var read = results.Statuses;
        read.Select(s => (s.Version, s.ContentHash)).ShouldBe(VerificationStatusFile.Read(committed).Select(s => (s.Version, s.ContentHash)));
        results.Statuses.ShouldBeSameAs(read, "an unchanged file is not read again");
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
