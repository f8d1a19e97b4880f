using BenchmarkDotNet.Running;

// Run from the repository root: dotnet run -c Release --project bench/EligibilityEngine.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
