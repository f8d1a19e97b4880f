using System.Text;
using EligibilityEngine.Compilation;

namespace EligibilityEngine.Cli.Rendering;

/// <summary>
/// Every outcome of a rule library with each value's code, Dutch label and the versions that have it, as Markdown:
/// the catalogue a client keeps beside the contract (docs/contract.md quotes it for the shipped rules).
/// </summary>
public static class OutcomeCatalogue
{
    public static string Markdown(RuleLibrary library)
    {
        var b = new StringBuilder();
        foreach (var outcome in library.Versions.SelectMany(v => v.Version.Outcomes).DistinctBy(o => o.Id))
        {
            b.Append('\n').Append($"### `{outcome.Id}`: {outcome.Title}\n\n| Waarde | Omschrijving | Versies |\n|---|---|---|\n");
            var values = library.Versions.SelectMany(v => v.Version.Outcomes.Where(o => o.Id == outcome.Id))
                .SelectMany(o => o.Values.Append(o.UndeterminedValue).Select(value => (Value: value, Label: o.Label(value))))
                .DistinctBy(v => v.Value);
            foreach (var (value, label) in values)
                b.Append($"| `{value}` | {label} | {Versions(library, v => v.Version.Outcomes.Any(o => o.Id == outcome.Id && (o.Values.Contains(value) || o.UndeterminedValue == value)))} |\n");
        }

        return b.Append('\n').ToString();
    }

    /// <summary>The versions that have something, as runs of in-force versions ("vanaf 2017-02-25", "2015-01-01 t/m
    /// 2017-01-01") and the planned versions by name.</summary>
    private static string Versions(RuleLibrary library, Func<CompiledRuleSet, bool> has)
    {
        var inForce = library.InForce.ToList();
        var runs = new List<string>();
        for (var i = 0; i < inForce.Count; i++)
        {
            if (!has(inForce[i])) continue;
            var last = i;
            while (last + 1 < inForce.Count && has(inForce[last + 1])) last++;
            runs.Add(last == inForce.Count - 1 ? $"vanaf {inForce[i].Version.Version}" : $"{inForce[i].Version.Version} t/m {inForce[last].Version.Version}");
            i = last;
        }

        var planned = library.Versions.Where(v => v.Version.Planned && has(v)).Select(v => v.Version.Version).ToList();
        if (planned.Count > 0) runs.Add("gepland: " + string.Join(", ", planned));
        return string.Join("; ", runs);
    }
}
