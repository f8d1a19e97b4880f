using System.Text;
using EligibilityEngine.Decisions;
using EligibilityEngine.Facts;
using EligibilityEngine.RuleSets;
using EligibilityEngine.Cases;
using EligibilityEngine.Conditions;
using EligibilityEngine.Diagnostics;
using EligibilityEngine.Evaluation;
using EligibilityEngine.Host.Web.Forms;
using EligibilityEngine.Testing;
using EligibilityEngine.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EligibilityEngine.Host.Web;

/// <summary>
/// Try a case: the form over every fact, an example case or a case file to start from, the decision the rules give,
/// a comparison on a second date or under a second version, and the case as a file, a rule test or a print. The page
/// only maps the form to a case and renders the engine's decisions; nothing entered is stored or logged.
/// </summary>
public sealed class CasusModel(RuleLibraryHolder holder, SampleCases samples, Municipalities municipalities, TimeProvider time) : PageModel
{
    /// <summary>A case file sent to the page is read up to this size: a case with the maximum history is far smaller.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public IReadOnlyList<(string Name, string Description)> Samples =>
        samples.Files.Select(f => (f.Key, f.Value.Description ?? f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();

    /// <summary>Every version, for the choice of version: in-force versions by date, planned ones marked.</summary>
    public IReadOnlyList<RuleSetVersion> Versions => Library.Versions.Select(v => v.Version).ToList();

    private RuleLibrary Library => Pages.Library(holder);

    public string? Chosen { get; private set; }

    public string? Description { get; private set; }

    public CaseForm Form { get; private set; } = CaseForm.Empty(DutchCalendar.Today(time));

    public Decision? Decision { get; private set; }

    /// <summary>The same case on the second date or under the second version.</summary>
    public Decision? Comparison { get; private set; }

    /// <summary>Only the decision, for the file: no form, no menus.</summary>
    public bool Print { get; private set; }

    /// <summary>The facts judged, for the print: each with the form's Dutch label and its value as a person reads it.</summary>
    public IReadOnlyList<(string Label, string Text)> PrintedFacts { get; private set; } = [];

    /// <summary>What went wrong reading a case file sent to the page, in Dutch, with line and column.</summary>
    public IReadOnlyList<FileError> FileErrors { get; private set; } = [];

    private DateOnly Today => DutchCalendar.Today(time);

    /// <summary>The year of the peildatum as typed, or this year: which list of municipalities applies.</summary>
    private int Year => DateOnly.TryParseExact(Form.AsOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var asOf)
        ? asOf.Year : Today.Year;

    /// <summary>The municipalities of the peildatum's year, for choosing one by name.</summary>
    public IReadOnlyList<(string Code, string Name)> MunicipalityChoices => municipalities.For(Year);

    public IActionResult OnGet(string? voorbeeld)
    {
        if (voorbeeld is null) return Page();
        if (!samples.Files.TryGetValue(voorbeeld, out var file)) return NotFound();
        Chosen = voorbeeld;
        Description = file.Description;
        Form = CaseForm.From(file, Today);
        Judge();
        return Page();
    }

    /// <summary>The field or button that has the focus when the page comes back after a row was added or removed.</summary>
    public string? Focus { get; private set; }

    /// <summary>The form posted with one of its buttons (actie): judge, add or remove a row, download, print.</summary>
    public IActionResult OnPost(string? actie)
    {
        Form = CaseForm.From(Request.Form);
        // A municipality typed by its name is its code: the case holds the code.
        Form.NameCodes(name => municipalities.CodeOf(name, Year));
        switch (actie ?? "")
        {
            // The page comes back where the user was: the new row's first field, or the add button of the list a row
            // left, has the focus (autofocus: no script needed), so a long history needs no scrolling back.
            case "gebeurtenis-toevoegen":
                Form.AddEvent();
                Focus = CaseForm.EventName(Form.EventCount - 1, "type");
                return Page();
            case "medewerkers-toevoegen":
                Form.AddEmployee();
                Focus = CaseForm.EmployeeName(Form.EmployeeCount - 1, "count");
                return Page();
            case var a when a.StartsWith("gebeurtenis-verwijderen-", StringComparison.Ordinal):
                Form.RemoveEvent(Index(a));
                Focus = "gebeurtenis-toevoegen";
                return Page();
            case var a when a.StartsWith("medewerkers-verwijderen-", StringComparison.Ordinal):
                Form.RemoveEmployee(Index(a));
                Focus = "medewerkers-toevoegen";
                return Page();
        }

        var @case = Judge();
        if (@case is null || Decision is null) return Page();
        return actie switch
        {
            "yaml" => YamlFile(CaseYamlWriter.Write(@case, Decision.AsOf, Version(Form.Version)), "casus.yaml"),
            "regeltest" => YamlFile(RuleTest(@case, Decision), "regeltest.yaml"),
            "afdrukken" => PrintPage(@case),
            _ => Page(),
        };
    }

    /// <summary>A case file (YAML or JSON, as the command line reads it) put into the form and judged.</summary>
    public async Task<IActionResult> OnPostLadenAsync(IFormFile? bestand)
    {
        if (bestand is null || bestand.Length == 0)
        {
            FileErrors = [new FileError(null, "Kies eerst een casusbestand (YAML of JSON).", null)];
            return Page();
        }

        if (bestand.Length > MaxFileBytes)
        {
            FileErrors = [new FileError(null, $"Het bestand is groter dan {MaxFileBytes / 1024} kB; een casusbestand is veel kleiner.", null)];
            return Page();
        }

        using var reader = new StreamReader(bestand.OpenReadStream(), Encoding.UTF8);
        var text = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        // The file's own name only, for the messages: a browser sends what the person picked.
        var name = Path.GetFileName(bestand.FileName);
        try
        {
            var file = CaseReader.ReadText(text, name);
            Description = file.Description;
            Form = CaseForm.From(file, Today);
            Judge();
        }
        catch (InvalidInputException invalid)
        {
            FileErrors = invalid.Diagnostics.Select(d => new FileError(
                d.Position.Line > 0 ? $"{name}, regel {d.Position.Line}, kolom {d.Position.Column}" : name, CaseForm.FileMessage(d.Field), d.Message)).ToList();
        }

        return Page();
    }

    /// <summary>The missing facts that would settle the most outcomes first, then those that settle only criteria.</summary>
    public IEnumerable<MissingFact> RankedMissingFacts =>
        (Decision?.MissingFacts ?? []).OrderByDescending(m => Decision!.Outcomes.Count(o => o.MissingFacts.Contains(m.Path)))
        .ThenByDescending(m => m.Affects.Count).ThenBy(m => m.Path, StringComparer.Ordinal);

    /// <summary>The conditions of the version that decided, in Dutch.</summary>
    public ConditionDutch Conditions(Decision decision) => new(RulesOf(decision));

    /// <summary>The case the form held when it was judged.</summary>
    private Case? _judged;

    /// <summary>Which part of each rule's condition held for the case judged, for "waarom".</summary>
    public IReadOnlyDictionary<string, PartResults>? ConditionParts(Decision decision) =>
        _judged is null ? null : Library.ConditionParts(decision, _judged);

    private RuleSetVersion RulesOf(Decision decision) => Library.Versions.Select(v => v.Version).First(v => v.Version == decision.RuleSet.Version);

    /// <summary>The missing facts as the page lists them: the ranked list, each with its field.</summary>
    public IReadOnlyList<MissingFactView> MissingFactViews(bool print) => RankedMissingFacts.Select(m =>
    {
        var row = Row(m);
        return new MissingFactView(m, print ? null : FieldOf(row?.Instead ?? m.Path), row?.View);
    }).ToList();

    /// <summary>The form field a missing fact is entered in, if the form has one.</summary>
    private string? FieldOf(string path)
    {
        path = path.Split('[')[0];
        // Whether anyone is employed is asked by the "onbekend" box of the list, not by a field of its own.
        var name = path == "municipality.employees" ? CaseForm.EmployeesUnknownField : path;
        return name == CaseForm.EmployeesUnknownField || Form.FieldNames().Contains(name) ? CaseForm.Id(name) : null;
    }

    /// <summary>A missing row of a table, with the fact the version reads in its place (<see cref="StatedInstead"/>).</summary>
    private (MissingRow View, string? Instead)? Row(MissingFact fact)
    {
        if (MissingRow.Parse(fact.Path) is not var (table, keys)) return null;
        var instead = StatedInstead.Facts(RulesOf(Decision!).Rules.Select(r => r.When.Text), table).FirstOrDefault(f => FactModel.CaseFields.ContainsKey(f));
        return (new MissingRow(table, keys, instead is null ? null : FactModel.CaseFields[instead].DutchLabel), instead);
    }

    private Case? Judge()
    {
        var @case = Form.Read();
        var asOf = Date(CaseForm.AsOfField, Form.AsOf);
        var compareAsOf = Form.CompareAsOf.Length > 0 ? Date(CaseForm.CompareAsOfField, Form.CompareAsOf) : asOf;
        if (@case is null || asOf is null || compareAsOf is null) return null;
        _judged = @case;

        Decision = Evaluate(@case, asOf.Value, Version(Form.Version), CaseForm.AsOfField);
        if (Form.CompareAsOf.Length > 0 || Form.CompareVersion.Length > 0)
            Comparison = Evaluate(@case, compareAsOf.Value, Version(Form.CompareVersion), CaseForm.CompareAsOfField);
        return Decision is null ? null : @case;
    }

    private Decision? Evaluate(Case @case, DateOnly asOf, string? version, string dateField)
    {
        try
        {
            return Library.Evaluate(@case, asOf, EvaluationOptions.WithTrace, version, HttpContext.RequestAborted);
        }
        catch (VersionNotFoundException)
        {
            Form.OtherErrors.Add($"Er is geen versie ‘{version}’ van de regels; kies er een uit de lijst.");
        }
        catch (EvaluationException)
        {
            Form.Errors[dateField] = $"Op {DutchFormat.Date(asOf)} gold geen versie van deze regels; kies een andere peildatum.";
        }

        return null;
    }

    private DateOnly? Date(string field, string text)
    {
        var date = FactText.Date(text, out var error);
        if (error is not null) Form.Errors[field] = $"Schrijf de peildatum als dd-mm-jjjj of jjjj-mm-dd, tussen {FactLimits.FirstYear} en {FactLimits.LastYear}, bijvoorbeeld 01-03-2019.";
        return date;
    }

    private static string? Version(string chosen) => chosen.Length == 0 ? null : chosen;

    private static int Index(string action) => int.TryParse(action[(action.LastIndexOf('-') + 1)..], out var i) ? i : -1;

    private string RuleTest(Case @case, Decision decision)
    {
        var name = Request.Form["test_name"].ToString().Trim();
        var source = Request.Form["test_source"].ToString().Trim();
        var entry = RuleTestWriter.Write(name.Length > 0 ? name : "Casus van " + DutchText.Long(decision.AsOf.ToString("yyyy-MM-dd")),
            source.Length > 0 ? source : "vul de bron in: wetsartikel en lid", @case, decision, Version(Form.Version));
        return $"# Regeltest uit de webpagina; regels {decision.RuleSet.Version}, sha256 {decision.RuleSet.ContentHash}.\n" +
               "# Zet dit onder 'tests:' in een bestand van rules/beschut-werk/tests; 'eligibility test' voert het uit.\ntests:\n" + entry;
    }

    private FileContentResult YamlFile(string text, string name) => File(Encoding.UTF8.GetBytes(text), "application/yaml; charset=utf-8", name);

    private PageResult PrintPage(Case @case)
    {
        Print = true;
        PrintedFacts = CaseForm.Printed(@case);
        ViewData["Print"] = true;
        return Page();
    }
}

/// <summary>One error in a case file sent to the page: where (file, line and column), what to write in Dutch, and the
/// reader's own message for whoever prepared the file.</summary>
public sealed record FileError(string? Where, string Text, string? Detail);
