using EligibilityEngine.Facts;
using EligibilityEngine.Text;

namespace EligibilityEngine.Host.Web.Forms;

/// <summary>How a fact is entered: a choice from a list (yes/no, a code), or typed text of a kind.</summary>
public enum FieldKind { Choice, Date, Number, WholeNumber, MunicipalityCode }

/// <summary>
/// One input of the case form: the key the case format gives the fact, its Dutch label from the fact model, how it is
/// entered and, for a choice, the codes with their Dutch labels; the article that asks for it, where the fact model names
/// one. The form is built from <see cref="FactModel"/>, so a fact added to the model is a field of the form.
/// </summary>
public sealed record CaseFormField(
    string Key, string Label, FieldKind Kind, IReadOnlyList<(string Code, string Label)> Options, decimal Min = 0, decimal Max = 0, string? Basis = null)
{
    /// <summary>The facts of the case, by section (persoon, aanvraag, gemeente), in the order of the fact model.</summary>
    public static IReadOnlyList<(string Section, string Legend, IReadOnlyList<CaseFormField> Fields)> Sections { get; } =
        [Section("person", "Persoon"), Section("application", "Aanvraag"), Section("municipality", "Gemeente")];

    /// <summary>One line of municipality.employees: how many identical contracts, their hours and employer.</summary>
    public static IReadOnlyList<CaseFormField> EmployeeFields { get; } =
        [new("count", "aantal gelijke dienstbetrekkingen", FieldKind.WholeNumber, [], 1, FactLimits.MaxEmployees), .. FromModel(FactModel.EmployeeFields.Values)];

    /// <summary>One event of the history: what happened (required), its date (required) and its details.</summary>
    public static IReadOnlyList<CaseFormField> EventFields { get; } =
        [new("type", "wat er gebeurde", FieldKind.Choice, Choices(FactModel.EventTypes)), .. FromModel(FactModel.EventFields.Values)];

    /// <summary>A percentage (a fact whose key ends in <c>_percent</c>, as the loonwaarde): typed with or without its
    /// sign, "35 %" read as 35 and kept in the form as typed. The case format writes the number alone.</summary>
    public bool Percentage => Kind == FieldKind.Number && Key.EndsWith("_percent", StringComparison.Ordinal);

    /// <summary>What was typed in this field as the case format reads it: a percentage without its sign.</summary>
    public string Read(string typed) => Percentage && typed.EndsWith('%') ? typed[..^1].TrimEnd() : typed;

    /// <summary>What to write, in Dutch: the hint under a typed field and the message when it is wrong.</summary>
    public string Hint => Kind switch
    {
        FieldKind.Date => "Schrijf een datum die bestaat, als dd-mm-jjjj of jjjj-mm-dd, bijvoorbeeld 08-01-2018.",
        FieldKind.Number when Percentage => $"Schrijf een getal van {Show(Min)} tot en met {Show(Max)}, zoals 35 of 35,5; het teken % mag erbij.",
        FieldKind.Number => $"Schrijf een getal van {Show(Min)} tot en met {Show(Max)}, zoals 25 of 25,5 (zonder punt voor duizendtallen).",
        FieldKind.WholeNumber => $"Schrijf een heel getal van {Show(Min)} tot en met {Show(Max)}, zonder punt voor duizendtallen.",
        FieldKind.MunicipalityCode => "Schrijf de CBS-gemeentecode (GM en vier cijfers, zoals GM0014) of een naam uit de keuzelijst; staat de gemeente daar niet in, schrijf dan de code.",
        _ => "Kies een van de mogelijkheden uit de lijst.",
    };

    /// <summary>What a case file takes for this fact, in Dutch: a file has dates as jjjj-mm-dd and choices as codes.</summary>
    public string FileHint => Kind switch
    {
        FieldKind.Date => "Schrijf een datum die bestaat, als jjjj-mm-dd, bijvoorbeeld 2018-01-08.",
        FieldKind.Choice => $"Schrijf een van de codes: {string.Join(", ", Options.Select(o => $"{o.Code} voor {o.Label}"))}; of unknown als het onbekend is.",
        _ => Hint,
    };

    private static (string, string, IReadOnlyList<CaseFormField>) Section(string section, string legend) =>
        (section, legend, FromModel(FactModel.SectionFields(section)).ToList());

    // How each fact is entered follows how the case format writes it (FactSyntax): the reader decides, with the same
    // limits, and this only says it in Dutch.
    private static IEnumerable<CaseFormField> FromModel(IEnumerable<FactField> facts) => facts.Select(f => f.Syntax switch
    {
        BoolSyntax => new CaseFormField(f.Key, f.DutchLabel, FieldKind.Choice, [("true", "ja"), ("false", "nee")], Basis: f.Basis),
        DateSyntax => new CaseFormField(f.Key, f.DutchLabel, FieldKind.Date, [], Basis: f.Basis),
        MunicipalityCodeSyntax => new CaseFormField(f.Key, f.DutchLabel, FieldKind.MunicipalityCode, [], Basis: f.Basis),
        NumberSyntax n => new CaseFormField(f.Key, f.DutchLabel, n.Whole ? FieldKind.WholeNumber : FieldKind.Number, [], n.Min, n.Max, f.Basis),
        _ => new CaseFormField(f.Key, f.DutchLabel, FieldKind.Choice, Choices(f.Type.Domain!), Basis: f.Basis),
    });

    private static IReadOnlyList<(string, string)> Choices(CodeDomain domain) => domain.Codes.Zip(domain.DutchLabels).ToList();

    private static string Show(decimal value) => DutchFormat.Number(value);
}
