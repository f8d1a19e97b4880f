using System.Security.Cryptography;
using System.Text;

namespace EligibilityEngine.Audit;

/// <summary>
/// Encrypts the case facts of a record with AES-256-GCM under the deployment's key, bound to the record's decision id
/// (a blob moved to another record does not decrypt). Layout: version byte 1, 12-byte nonce, 16-byte tag, ciphertext.
/// </summary>
public sealed class FactsCipher(byte[] key)
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int Header = 1 + NonceBytes + TagBytes;

    private readonly byte[] _key = key.Length >= 32 ? key[..32] : throw new ArgumentException("the key needs 32 bytes", nameof(key));

    public byte[] Encrypt(string facts, Guid decisionId)
    {
        var plain = Encoding.UTF8.GetBytes(facts);
        var blob = new byte[Header + plain.Length];
        blob[0] = Version;
        var nonce = blob.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, blob.AsSpan(Header), blob.AsSpan(1 + NonceBytes, TagBytes), decisionId.ToByteArray());
        return blob;
    }

    /// <exception cref="CryptographicException">Another key, another record, or a damaged blob.</exception>
    public string Decrypt(byte[] blob, Guid decisionId)
    {
        if (blob.Length < Header || blob[0] != Version) throw new CryptographicException("not an encrypted facts blob of version 1");
        var plain = new byte[blob.Length - Header];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(blob.AsSpan(1, NonceBytes), blob.AsSpan(Header), blob.AsSpan(1 + NonceBytes, TagBytes), plain, decisionId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
