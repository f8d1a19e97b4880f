namespace EligibilityEngine.Facts;

/// <summary>Employees written as entries with a <c>count</c> (52 identical contracts in one line), as one list, under
/// the one limit of <see cref="FactLimits.MaxEmployees"/> for case files, CSV and gRPC alike.</summary>
public static class CountedEmployees
{
    /// <summary>Each entry <c>Count</c> times; null with the error when they are more than the limit in all.</summary>
    public static Employee[]? Expand(IReadOnlyList<(Employee Employee, int Count)> entries, out string? error)
    {
        var total = entries.Sum(e => (long)e.Count);
        error = total > FactLimits.MaxEmployees ? $"stand for {total} employees; at most {FactLimits.MaxEmployees} in all" : null;
        if (error is not null) return null;
        var employees = new Employee[total];
        var at = 0;
        foreach (var (employee, count) in entries)
        {
            Array.Fill(employees, employee, at, count);
            at += count;
        }

        return employees;
    }

    /// <summary>Runs of identical contracts as one entry with its count, as people write them (and a municipality with
    /// hundreds of contracts is one entry per kind, not one per contract).</summary>
    public static IReadOnlyList<(Employee Employee, int Count)> Runs(IReadOnlyList<Employee> employees)
    {
        var runs = new List<(Employee, int)>();
        for (var i = 0; i < employees.Count;)
        {
            var run = 1;
            while (i + run < employees.Count && employees[i + run] == employees[i]) run++;
            runs.Add((employees[i], run));
            i += run;
        }

        return runs;
    }
}
