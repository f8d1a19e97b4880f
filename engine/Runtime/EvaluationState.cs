using EligibilityEngine.Facts;

namespace EligibilityEngine.Runtime;

/// <summary>
/// Working memory of one evaluation: the case, the peildatum, and what rules have concluded so far. Truth values
/// are stored as bytes: 0 = false / not met, 1 = true / met, 2 = unknown / undetermined.
/// </summary>
public sealed class EvaluationState
{
    public const byte False = 0;
    public const byte True = 1;
    public const byte Unknown = 2;

    /// <summary>Outcome value meaning no rule of the outcome applied (known, but no value).</summary>
    public const int NoValue = -1;

    /// <summary>Outcome value meaning the outcome could not be decided.</summary>
    public const int Undetermined = -2;

    internal EvaluationState(int criteria, int findings, int outcomes, int rules)
    {
        Criteria = new byte[criteria];
        Findings = new byte[findings];
        Outcomes = new int[outcomes];
        RuleResults = new byte[rules];
    }

    public Case Case { get; internal set; } = Case.Empty;

    public int AsOfDay { get; internal set; }

    /// <summary>The history up to and including the peildatum, oldest first.</summary>
    public CaseEvent[] Events { get; internal set; } = [];

    private CaseEvent[][]? _eventsByType;
    private static readonly int EventTypeCount = Enum.GetValues<EventType>().Length;

    /// <summary>The events of one type up to the peildatum, oldest first; all types grouped in one pass over the
    /// history, on first use.</summary>
    public CaseEvent[] EventsOfType(int type) => (_eventsByType ??= GroupByType(Events))[type];

    private static CaseEvent[][] GroupByType(CaseEvent[] events)
    {
        Span<int> counts = stackalloc int[EventTypeCount];
        // An event of a type not defined (only a Case built in code can hold one) is read by no rule, as before.
        foreach (var e in events) if (IsDefined(e)) counts[(int)e.Type]++;
        var groups = new CaseEvent[EventTypeCount][];
        for (var t = 0; t < groups.Length; t++)
        {
            groups[t] = counts[t] == 0 ? [] : new CaseEvent[counts[t]];
            counts[t] = 0;
        }

        foreach (var e in events) if (IsDefined(e)) groups[(int)e.Type][counts[(int)e.Type]++] = e;
        return groups;
    }

    private static bool IsDefined(CaseEvent e) => (uint)e.Type < (uint)EventTypeCount;

    /// <summary>The municipality's employees as an array, or null when unknown. The case readers hand over an array,
    /// used as is; any other list is copied once per case, when first read.</summary>
    public Employee[]? EmployeeArray => _employees ??= Case.Municipality.Employees as Employee[] ?? Case.Municipality.Employees?.ToArray();

    private Employee[]? _employees;

    public byte[] Criteria { get; }

    public byte[] Findings { get; }

    public int[] Outcomes { get; }

    public byte[] RuleResults { get; }

    /// <summary>Whether the unknown facts a rule reads are recorded (<see cref="MarkMissing"/>), to say which facts
    /// are missing; when not, only their number is kept, which is all that an and/or's mark needs.</summary>
    internal bool RecordMissing = true;

    // The unknown facts the current rule read; only consulted when the rule's condition ends unknown.
    // Allocated on the first unknown read: most cases read no unknown fact at all.
    internal int[] MissingLeaves = [];
    internal string?[] MissingDetails = [];
    // How many unknown reads are recorded so far: the mark a compiled and/or, first_known or `is known` takes. A
    // sub-condition that ends known does not depend on the unknown facts it read (Kleene logic), so it sets the count
    // back to its mark: only facts that could change the result are reported missing.
    internal int MissingCount;

    public void MarkMissing(int leaf, string? detail = null)
    {
        if (!RecordMissing)
        {
            MissingCount++;
            return;
        }

        if (MissingCount == MissingLeaves.Length)
        {
            Array.Resize(ref MissingLeaves, Math.Max(16, MissingCount * 2));
            Array.Resize(ref MissingDetails, Math.Max(16, MissingCount * 2));
        }

        MissingLeaves[MissingCount] = leaf;
        MissingDetails[MissingCount] = detail;
        MissingCount++;
    }
}
