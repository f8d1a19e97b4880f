using System.Security.Cryptography;
using System.Text;
using EligibilityEngine.Cases;
using EligibilityEngine.Facts;

namespace EligibilityEngine.Audit;

/// <summary>
/// SHA-256 of the canonical case input: the facts and the peildatum written as a case file (<see cref="CaseYamlWriter"/>:
/// fixed order, unknown facts left out), without the case id, which names the case but is no fact. The same facts
/// give the same hash however they were sent (gRPC, JSON, a YAML or JSON case file).
/// </summary>
public static class CaseInputHash
{
    /// <summary>The hash of <see cref="Canonical"/>'s text, taken as the writer writes it, without the text itself.</summary>
    public static string Compute(Case @case, DateOnly asOf)
    {
        using var hashing = new HashingWriter();
        CaseYamlWriter.Write(hashing, @case with { CaseId = null }, asOf);
        return hashing.Hash();
    }

    /// <summary>The hash a record made before issue #22 holds for these facts: numbers at the scale they were sent in
    /// (<c>1.000</c>, not <c>1</c>); the same as <see cref="Compute"/> for a case without trailing zeros.</summary>
    public static string ComputeAsSent(Case @case, DateOnly asOf) => Of(CaseYamlWriter.Write(@case with { CaseId = null }, asOf, numbersAsSent: true));

    /// <summary>The hash of a canonical text.</summary>
    public static string Of(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The canonical text that is hashed (and, where facts are stored, encrypted).</summary>
    public static string Canonical(Case @case, DateOnly asOf) => CaseYamlWriter.Write(@case with { CaseId = null }, asOf);

    /// <summary>Text in, its UTF-8 bytes (as <see cref="Encoding.UTF8"/> gives them) into SHA-256, through one small buffer.</summary>
    private sealed class HashingWriter : TextWriter
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Encoder _utf8 = Encoding.UTF8.GetEncoder();
        private readonly byte[] _bytes = new byte[1024];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> chars) => Encode(chars, flush: false);

        public string Hash()
        {
            Encode([], flush: true);
            return Convert.ToHexStringLower(_sha256.GetHashAndReset());
        }

        private void Encode(ReadOnlySpan<char> chars, bool flush)
        {
            bool completed;
            do
            {
                _utf8.Convert(chars, _bytes, flush, out var used, out var written, out completed);
                _sha256.AppendData(_bytes, 0, written);
                chars = chars[used..];
            } while (!completed);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _sha256.Dispose();
            base.Dispose(disposing);
        }
    }
}
