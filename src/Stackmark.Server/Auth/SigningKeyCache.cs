using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Stackmark.RefStack;
using Stackmark.Server.Data;

namespace Stackmark.Server.Auth;

/// <summary>
/// What checking an upload's signature can keep between uploads: each <c>X-Public-Key</c> line parsed, with RSA
/// objects holding it (importing a key into OpenSSL costs more than verifying with it), and the registered key row
/// found for a key blob (one query less per upload).
/// </summary>
/// <remarks>
/// Registered keys are never cached as missing, so a key works as soon as it is registered; every cached row is
/// dropped when a key is deleted (<see cref="Invalidate"/>), so a deleted key stops signing at once in this process.
/// Rows also expire after <see cref="RowLifetime"/>, which bounds how long another registry process on the same
/// database keeps accepting a key deleted through this one.
/// </remarks>
internal sealed class SigningKeyCache(TimeProvider time)
{
    /// <summary>How long a registered key row is served from memory before it is read again.</summary>
    public static readonly TimeSpan RowLifetime = TimeSpan.FromMinutes(1);

    // Bounds memory when clients send many different key lines; a full cache starts over.
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, ParsedKey> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (UserPublicKey Row, DateTimeOffset Until)> _registered = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;

    /// <summary><see cref="ResultSigner.Verify(ReadOnlySpan{byte}, string, string)"/>, with the key line's parse and RSA import kept.</summary>
    public Attempt<SshPublicKey> Verify(ReadOnlySpan<byte> signed, string hexSignature, string publicKeyLine)
    {
        if (!_parsed.TryGetValue(publicKeyLine, out var entry))
        {
            var parsed = SshPublicKey.Parse(publicKeyLine);
            if (parsed.Value is not { } key)
            {
                return parsed;
            }

            if (_parsed.Count >= MaxEntries)
            {
                _parsed.Clear();
            }

            entry = _parsed.GetOrAdd(publicKeyLine, new ParsedKey(key));
        }

        var rsa = entry.Rent();
        try
        {
            return ResultSigner.Verify(signed, hexSignature, entry.Key, rsa);
        }
        finally
        {
            entry.Return(rsa);
        }
    }

    /// <summary>The registered key with <paramref name="key"/>'s blob (RefStack's md5 index, then the full blob), or null.</summary>
    public async Task<UserPublicKey?> FindRegisteredAsync(SshPublicKey key, RegistryDbContext db, CancellationToken ct)
    {
        var blob = Convert.ToBase64String(key.Blob.Span);
        if (_registered.TryGetValue(blob, out var hit) && hit.Until > time.GetUtcNow())
        {
            return hit.Row;
        }

        var generation = Volatile.Read(ref _generation);
        var md5 = key.RefStackLookupKey;
        var row = await db.PublicKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Md5 == md5 && k.Blob == blob, ct);
        if (row is not null)
        {
            lock (_gate)
            {
                // A key deleted while this lookup ran must not come back into the cache.
                if (generation == _generation)
                {
                    if (_registered.Count >= MaxEntries)
                    {
                        _registered.Clear();
                    }

                    _registered[blob] = (row, time.GetUtcNow() + RowLifetime);
                }
            }
        }

        return row;
    }

    /// <summary>Forgets every registered key row: call after deleting a key.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _registered.Clear();
        }
    }

    /// <summary>A parsed key line and a pool of RSA objects holding it (an RSA object is used by one verification at a time).</summary>
    private sealed class ParsedKey(SshPublicKey key)
    {
        private readonly ConcurrentBag<RSA> _pool = [];

        public SshPublicKey Key { get; } = key;

        public RSA Rent() => _pool.TryTake(out var rsa) ? rsa : Key.ToRsa();

        public void Return(RSA rsa)
        {
            if (_pool.Count < Environment.ProcessorCount * 4)
            {
                _pool.Add(rsa);
            }
            else
            {
                rsa.Dispose();
            }
        }
    }
}
