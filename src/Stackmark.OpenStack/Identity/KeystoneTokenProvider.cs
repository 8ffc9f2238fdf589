namespace Stackmark.OpenStack;

/// <summary>Fetches, caches and refreshes a Keystone token for one set of credentials.</summary>
/// <remarks>
/// Thread-safe: concurrent callers share one token request. A token is refreshed when it expires within
/// <see cref="RefreshMargin"/>, or when a service rejected it (<see cref="InvalidateAsync"/>). Errors are those of
/// <see cref="IdentityClient.CreateTokenAsync"/>.
/// </remarks>
public sealed class KeystoneTokenProvider : IDisposable
{
    private readonly IdentityClient _identity;
    private readonly CloudAuth _auth;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private KeystoneToken? _current;

    /// <summary>Creates the provider.</summary>
    /// <param name="identity">An identity client over an unauthenticated HTTP client.</param>
    /// <param name="auth">The credentials.</param>
    /// <param name="time">Clock for expiry checks.</param>
    public KeystoneTokenProvider(IdentityClient identity, CloudAuth auth, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(auth);
        _identity = identity;
        _auth = auth;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long before expiry a token is replaced.</summary>
    public static TimeSpan RefreshMargin { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The identity client used to issue tokens.</summary>
    public IdentityClient Identity => _identity;

    /// <summary>Returns the cached token, or issues a new one.</summary>
    public async Task<KeystoneToken> GetTokenAsync(CancellationToken ct = default)
    {
        var current = _current;
        if (current is not null && current.ExpiresAt - _time.GetUtcNow() > RefreshMargin)
        {
            return current;
        }

        return await RenewAsync(current, ct).ConfigureAwait(false);
    }

    /// <summary>Drops <paramref name="rejected"/> (if still cached) and returns a fresh token.</summary>
    public Task<KeystoneToken> InvalidateAsync(KeystoneToken rejected, CancellationToken ct = default) => RenewAsync(rejected, ct);

    private async Task<KeystoneToken> RenewAsync(KeystoneToken? stale, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is not null && !ReferenceEquals(_current, stale) && _current.ExpiresAt - _time.GetUtcNow() > RefreshMargin)
            {
                return _current;
            }

            return _current = await _identity.CreateTokenAsync(_auth, ct).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _lock.Dispose();
}
