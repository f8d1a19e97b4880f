using EligibilityEngine.Host.Web;
using EligibilityEngine.Tests.Support;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Tests.Web;

/// <summary>The municipalities by name (reference/gemeenten, issue #24 point 5): the shipped lists are read per year,
/// and a list an operator loaded wrongly is refused with its file, line and column, as its README promises.</summary>
public sealed class MunicipalitiesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gemeenten-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Municipalities In(string folder) => new(Options.Create(new WebOptions { MunicipalitiesDirectory = folder }));

    [Fact]
    public void The_shipped_lists_give_a_code_by_name_under_the_latest_year_up_to_the_peildatum()
    {
        var shipped = In(Path.Combine(RepositoryPaths.Root, "reference", "gemeenten"));

        shipped.CodeOf(" groningen ", 2018).ShouldBe("GM0014");
        shipped.For(2019).ShouldBe(shipped.For(2018), "2019 has no list of its own");
        shipped.For(2010).ShouldBe(shipped.For(2017), "before the first year: the first");
        shipped.For(2018).Select(m => m.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.InvariantCulture);
        shipped.CodeOf("Gronin", 2018).ShouldBeNull("a name is taken in full only");
    }

    [Theory]
    [InlineData("municipality_code,municipality_name\nGM0014,Groningen\nGM14,Kort\n", "2020.csv:3:1: 'GM14' is not a CBS municipality code")]
    [InlineData("municipality_code,municipality_name\nGM0014,Groningen\nGM0003,Appingedam\n  GM0014,Groningen\n", "2020.csv:4:1: GM0014 is listed twice (first on line 2)")]
    [InlineData("municipality_code,municipality_name\nGM0014,Groningen,extra\n", "2020.csv:2:1: a row has two cells, a CBS code and a name; this one has 3")]
    [InlineData("municipality_code,municipality_name\nGM0014,\n", "2020.csv:2:8: GM0014 has no name")]
    [InlineData("GM0014,Groningen\n", "2020.csv:1:1: the first line must be the header municipality_code,municipality_name")]
    public void A_bad_list_is_refused_with_its_file_line_and_column(string csv, string error)
    {
        File.WriteAllText(Path.Combine(_folder, "2020.csv"), csv);

        var refused = Should.Throw<InvalidDataException>(() => In(_folder).For(2020));

        refused.Message.ShouldStartWith(Path.Combine(_folder, error));
    }
}
