using System.Runtime.ExceptionServices;

namespace EligibilityEngine.Verification;

/// <summary>Work side by side over the solver processes, failing as one piece of work fails: a solver that is missing or
/// crashed ends the run with its own <see cref="SolverException"/> (which names the package to install), not wrapped in
/// an <see cref="AggregateException"/> that a command line would show as a crash.</summary>
public static class Concurrently
{
    public static void For(int count, int degree, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree) }, body);
        }
        catch (AggregateException e)
        {
            var inner = e.Flatten().InnerExceptions;
            ExceptionDispatchInfo.Throw(inner.FirstOrDefault(x => x is SolverException) ?? inner[0]);
        }
    }
}
