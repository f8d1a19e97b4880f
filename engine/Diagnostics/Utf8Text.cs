using System.Text;

namespace EligibilityEngine.Diagnostics;

/// <summary>Text that must arrive as UTF-8 or not at all: .NET's decoders turn bytes that are not UTF-8 into U+FFFD,
/// a text quietly changed.</summary>
public static class Utf8Text
{
    /// <summary>The offset of the first byte that does not belong to UTF-8 (a stray byte, a sequence cut short, an
    /// overlong form, a surrogate), or null when all of it is UTF-8.</summary>
    public static int? InvalidAt(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var offset = 0;
        while (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done) offset += consumed;
        return offset;
    }
}
