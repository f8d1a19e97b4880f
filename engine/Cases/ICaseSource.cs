namespace EligibilityEngine.Cases;

/// <summary>
/// The cases of a corpus, each read when it is taken, so that a large corpus is judged as it is read and never held
/// whole (a CSV file row by row). The errors of the whole corpus are known once every case has been taken.
/// </summary>
public interface ICaseSource
{
    /// <summary>The cases in corpus order, each as the work of reading it (which may run on any thread); null for a case
    /// that has errors.</summary>
    IEnumerable<Func<NamedCase?>> Cases { get; }

    /// <summary>Throws every error of the corpus together (<see cref="Diagnostics.InvalidInputException"/>), once
    /// <see cref="Cases"/> has been taken to its end.</summary>
    void ThrowIfInvalid();
}

/// <summary>Cases already read (a folder, a YAML batch): every one of them valid.</summary>
public sealed class ReadCases(IReadOnlyList<NamedCase> cases) : ICaseSource
{
    public IEnumerable<Func<NamedCase?>> Cases => cases.Select(c => (Func<NamedCase?>)(() => c));

    public void ThrowIfInvalid()
    {
    }
}
