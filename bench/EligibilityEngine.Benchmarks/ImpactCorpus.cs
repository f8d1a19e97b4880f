using System.Globalization;
using System.Text;
using EligibilityEngine.Cases;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Writes a CSV corpus of varied, made-up cases for timing `eligibility impact` (no real person in it): every route of
/// the law — positive and negative advice, own application before and after 2017, conversion to the banenafspraak
/// and falling back, moves, unknown facts — drawn with a fixed seed so every run times the same corpus.
/// </summary>
public static class ImpactCorpus
{
    public static void Write(string file, int count)
    {
        var random = new Random(42);
        var municipalities = new[] { "GM0014", "GM0034", "GM0037", "GM0047", "GM0050", "GM0059", "GM0060", "GM0072" };
        var benefits = new[] { "participatiewet", "none", "wajong", "wia", "other_uwv", "" };
        var b = new StringBuilder(string.Join(",", CaseCsvReader.Columns)).Append('\n');
        for (var i = 0; i < count; i++)
        {
            var asOf = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 12 * 365));
            var applied = asOf.AddDays(-random.Next(1, 200));
            var events = new List<(DateOnly Date, string Text)>();
            if (random.Next(3) > 0)
            {
                var advice = applied.AddYears(-random.Next(1, 4));
                events.Add((advice, $"type=advice_issued result={(random.Next(4) > 0 ? "positief" : "negatief")}"));
                if (random.Next(2) == 0) events.Add((advice.AddMonths(2), $"type=placed hours_per_week={random.Next(12, 37)} employer_kind=sw_company"));
                if (random.Next(3) == 0)
                {
                    events.Add((advice.AddMonths(6), "type=banenafspraak_indication_granted"));
                    events.Add((advice.AddMonths(7), "type=banenafspraak_job_started"));
                    if (random.Next(2) == 0) events.Add((advice.AddMonths(11), "type=banenafspraak_job_ended reason=not_sustainable"));
                }
            }

            // One cell per column of CaseCsvReader.Columns, in its order; the five empty cells after the WSW indication are
            // the facts this corpus leaves unknown (supported work possible, wage value, the two about funded education, the
            // 2015 exception for UWV recipients).
            string Maybe(string value) => random.Next(20) == 0 ? "" : value;
            b.Append(CultureInfo.InvariantCulture, $"gen-{i},{Date(asOf)},{Maybe(Date(new DateOnly(1960, 1, 1).AddDays(random.Next(0, 40 * 365))))},")
                .Append(CultureInfo.InvariantCulture, $"{Maybe(random.Next(10) > 0 ? "true" : "false")},{Maybe(random.Next(3) > 0 ? "intensive" : "none")},{Maybe("limited")},")
                .Append(CultureInfo.InvariantCulture, $"{Maybe(random.Next(4) > 0 ? "true" : "false")},{Maybe(random.Next(4) > 0 ? "true" : "false")},")
                .Append(CultureInfo.InvariantCulture, $"{benefits[random.Next(benefits.Length)]},{Maybe(random.Next(5) > 0 ? "true" : "false")},{Maybe(random.Next(10) == 0 ? "true" : "false")},,,,,,")
                .Append(CultureInfo.InvariantCulture, $"{Maybe(random.Next(2) == 0 ? "person" : "municipality")},{Date(applied)},{Maybe(random.Next(5) == 0 ? "true" : "false")},")
                .Append(CultureInfo.InvariantCulture, $"{municipalities[random.Next(municipalities.Length)]},,{Maybe(random.Next(10) == 0 ? "true" : "false")},{random.Next(100, 200)},")
                .Append(CultureInfo.InvariantCulture, $"{(random.Next(10) == 0 ? "" : $"count={random.Next(0, 120) + 1} hours_per_week=24")},")
                .Append('"').Append(string.Join("; ", events.Where(e => e.Date <= asOf).Select(e => $"{e.Text} date={Date(e.Date)}"))).Append("\"\n");
        }

        File.WriteAllText(file, b.ToString());
        Console.WriteLine($"wrote {count} cases to {file}");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
