using BenchmarkDotNet.Running;
using EligibilityEngine.Benchmarks;

// From the repository root:
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- --filter '*'     (BenchmarkDotNet)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- throughput 10 [compiled|nrules] [outcomes|explanations|trace]  (sustained, one thread)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- cpu-ratios 10 [nrules]   (the compiled engine, and NRules, against hand-written code, by CPU time)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- baseline-check 100000   (the hand-written baseline against the rules, on generated cases)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- tiering 5   (compiling a version against the evaluations it speeds up)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- grpc-body FILE   (request body for h2load)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- startup 5 [nrules|compiled]  (host start to SERVING)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- impact-corpus N FILE   (CSV of N made-up cases)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- audit-write STORE SECONDS CONCURRENCY [SAMPLE]   (record commits; SAMPLE a file of samples/cases)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- audit-count STORE   (records in a store)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- grpc-load ADDRESS SECONDS CLIENTS [CA [CERT KEY]] [--token FILE] [--host-pid PID]
//                                                                                    (gRPC load with mutual TLS; bench/grpc-load.sh)
//   dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- otlp-sink PORT   (a Logboek that counts spans; bench/logboek-load.sh)
if (args is ["grpc-body", var file])
{
    GrpcRequestBody.Write(file);
    return;
}

if (args is ["audit-write", var store, var seconds, var concurrency, .. var sample] && sample.Length <= 1)
{
    await AuditWrite.Run(store, TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)),
        int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture), sample.SingleOrDefault());
    return;
}

if (args is ["grpc-load", var address, var loadSeconds, var loadClients, ..])
{
    // Optional: the CA that signed the host's certificate, then the client certificate and key; --token FILE anywhere after.
    var rest = args[4..].ToList();
    string? Take(string option)
    {
        var at = rest.IndexOf(option);
        if (at < 0) return null;
        var value = rest[at + 1];
        rest.RemoveRange(at, 2);
        return value;
    }

    var token = Take("--token");
    var hostPid = Take("--host-pid") is { } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
    await GrpcLoad.Run(new GrpcLoad.Options(address, TimeSpan.FromSeconds(double.Parse(loadSeconds, System.Globalization.CultureInfo.InvariantCulture)),
        int.Parse(loadClients, System.Globalization.CultureInfo.InvariantCulture),
        rest.ElementAtOrDefault(0), rest.ElementAtOrDefault(1), rest.ElementAtOrDefault(2), token, hostPid));
    return;
}

if (args is ["otlp-sink", var sinkPort])
{
    await OtlpSink.Run(int.Parse(sinkPort, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["audit-count", var countedStore])
{
    await AuditWrite.Count(countedStore);
    return;
}

if (args is ["impact-corpus", var n, var corpus])
{
    ImpactCorpus.Write(corpus, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["startup", var runs, ..])
{
    HostStartup.Run(int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? args[2] : "nrules");
    return;
}

if (args is ["cpu-ratios", var ratioRounds, ..])
{
    CpuRatios.Run(int.Parse(ratioRounds, System.Globalization.CultureInfo.InvariantCulture), args is [_, _, "nrules"]);
    return;
}

if (args is ["baseline-check", var baselineCases])
{
    var cases = int.Parse(baselineCases, System.Globalization.CultureInfo.InvariantCulture);
    if (cases < 1) throw new ArgumentException("baseline-check N: N, the number of generated cases, must be at least 1");
    Environment.ExitCode = BaselineFidelity.Run(cases);
    return;
}

if (args is ["tiering", var tieringRounds])
{
    TieringCost.Run(int.Parse(tieringRounds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["throughput", ..])
{
    Throughput.Run(TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10),
        args.Length > 2 ? EligibilityEngine.DecisionEngines.Parse(args[2]) ?? throw new ArgumentException("engine: compiled or nrules") : EligibilityEngine.EngineKind.Compiled,
        args.Length > 3 ? args[3] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
