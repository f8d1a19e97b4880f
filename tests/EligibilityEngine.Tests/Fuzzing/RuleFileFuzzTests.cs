using EligibilityEngine.Compilation;
using EligibilityEngine.Grpc.V1;
using EligibilityEngine.Host;
using EligibilityEngine.Tests.Grpc;
using EligibilityEngine.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EligibilityEngine.Tests.Fuzzing;

/// <summary>
/// Mutations of the shipped rule files go through `eligibility validate` (RuleLibrary.TryLoad) and through a running
/// host's reload (what its folder watcher runs). Neither may throw, stop or take more than 10 s; every error names
/// file, line and column; a file damaged into bytes that are not UTF-8 is refused; the host goes on serving its last
/// good rule sets throughout.
/// </summary>
[Trait(Category.Name, Category.Fuzz)]
public sealed class RuleFileFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Mutated_rule_files_get_positioned_errors_from_validate_and_the_host_reload_and_stop_neither()
    {
        var seed = FuzzSeed.Next();
        var count = FuzzSeed.Count(2_000);
        output.WriteLine($"rule-file fuzz: seed {seed}, {count} mutations (replay with FUZZ_SEED={seed})");
        using var rules = new TempRuleSet();
        RepositoryCopy.Rules(rules.Path);
        // The version files and the quota tables: what the host loads (rule tests and properties are read by other commands).
        var files = Directory.GetFiles(rules.Path, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}properties{Path.DirectorySeparatorChar}")).Order().ToList();
        var originals = files.ToDictionary(f => f, File.ReadAllText);
        // The compiled engine prepares a valid change in milliseconds (NRules takes seconds per change, and is fuzzed
        // through the requests); reading, validating and publishing are the same for both.
        await using var host = await RunningHost.StartAsync(rules.Path, "--Rules:WatchForChanges=false", "--Engine:Kind=compiled");
        var holder = host.Services.GetRequiredService<RuleLibraryHolder>();
        var client = new EligibilityService.EligibilityServiceClient(host.Channel);
        var started = System.Diagnostics.Stopwatch.StartNew();
        int refused = 0, accepted = 0;

        for (var i = 0; i < count; i++)
        {
            var random = new Random(unchecked(seed * 31 + i));
            var file = files[random.Next(files.Count)];
            var mutated = RuleFileMutator.Mutate(originals[file], random);
            // Every tenth save is also damaged at the byte level (a file saved in another encoding, a copy cut short), from
            // a random of its own so that the text mutations of a seed stay what they were.
            var damaged = i % 10 == 9;
            var what = $"mutation {i} of seed {seed} in {Path.GetFileName(file)} ({RuleFileMutator.Describe(originals[file], mutated)}{(damaged ? ", bytes not UTF-8" : "")})";
            var bytes = System.Text.Encoding.UTF8.GetBytes(mutated);
            await File.WriteAllBytesAsync(file, damaged ? RequestMutator.DamageUtf8(bytes, new Random(~unchecked(seed * 31 + i))) : bytes);

            // Both read the same files at once, as `eligibility validate` and a running host would.
            var validate = Within(() => RuleLibrary.TryLoad(rules.Path, CompileMode.Interpreted), "validate", what);
            var reload = Within(() => { holder.Reload(); return true; }, "the host's reload", what);
            await Task.WhenAll(validate, reload);
            var (library, diagnostics) = await validate;
            if (library is null) refused++; else accepted++;
            if (damaged) library.ShouldBeNull($"{what}: a file that is not UTF-8 is refused, not read with U+FFFD");
            foreach (var d in diagnostics)
                (d.Position.Line >= 1 && d.Position.Column >= 1 && d.Position.File.EndsWith(".yaml", StringComparison.Ordinal))
                    .ShouldBeTrue($"{what}: an error without file:line:column: {d}");

            holder.Library.ShouldNotBeNull(what);
            holder.LastFailure?.Errors.ShouldNotContain(e => e.Contains("could not be read"), what);
            (library is null == holder.LastFailure is not null).ShouldBeTrue($"{what}: validate and the host's reload disagree");
            if (i % 100 == 0) (await client.ListRuleSetsAsync(new ListRuleSetsRequest())).Versions.ShouldNotBeEmpty(what);
            await File.WriteAllTextAsync(file, originals[file]);
        }

        holder.Reload();
        holder.LastFailure.ShouldBeNull();
        output.WriteLine($"{count} mutations in {started.Elapsed.TotalSeconds:F0} s: {refused} refused with positioned errors, {accepted} still valid");
    }

    private static async Task<T> Within<T>(Func<T> work, string by, string what)
    {
        var task = Task.Run(work);
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {by} took more than {Limit.TotalSeconds} s");
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{what}: {by} threw {ex}");
        }
    }
}
