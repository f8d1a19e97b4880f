using EligibilityEngine.Decisions;
using EligibilityEngine.Verification;
using Microsoft.Extensions.Options;

namespace EligibilityEngine.Host;

/// <summary>
/// The solver's results computed beforehand (<c>eligibility verify --write-status</c>, <c>eligibility exact-diffs</c>),
/// as the pages and DiffRuleSets show them: each file is read once, and again only when it changes (its write time or
/// length), not on every request. A file that cannot be read throws <see cref="InvalidDataException"/> each time it is
/// asked for, until it is mended.
/// </summary>
public sealed class PrecomputedResults(IOptions<RulesOptions> rules)
{
    private readonly CachedFile<IReadOnlyList<VersionStatus>> _statuses = new(VerificationStatusFile.Read);
    private readonly CachedFile<IReadOnlyList<PrecomputedExactDiff>> _exactDiffs = new(ExactDiffFile.Read);

    /// <summary>The solver's results per version, with the content hash they were proven for.</summary>
    public IReadOnlyList<VersionStatus> Statuses => _statuses.Get(rules.Value.ResolveVerificationStatus());

    /// <summary>The precomputed exact difference of these two versions' current content, if there is one.</summary>
    public PrecomputedExactDiff? ExactDiff(RuleSetReference from, RuleSetReference to) =>
        _exactDiffs.Get(rules.Value.ResolveExactDiffs()).FirstOrDefault(d => d.Of(from, to));

    private sealed class CachedFile<T>(Func<string, T> read)
    {
        private sealed record Snapshot(string Path, DateTime WrittenAt, long Length, T Value);

        private volatile Snapshot? _last;

        public T Get(string path)
        {
            var file = new FileInfo(path);
            var (writtenAt, length) = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
            if (_last is { } last && last.Path == path && last.WrittenAt == writtenAt && last.Length == length) return last.Value;
            var value = read(path);
            _last = new Snapshot(path, writtenAt, length, value);
            return value;
        }
    }
}
