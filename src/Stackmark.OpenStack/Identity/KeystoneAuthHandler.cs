using System.Net;

namespace Stackmark.OpenStack;

/// <summary>Adds <c>X-Auth-Token</c> to every request; on a 401 renews the token once and retries bodiless requests.</summary>
/// <remarks>Token errors surface as the <see cref="OpenStackException"/> thrown by <see cref="KeystoneTokenProvider"/>.</remarks>
public sealed class KeystoneAuthHandler : DelegatingHandler
{
    private const string Header = "X-Auth-Token";
    private readonly KeystoneTokenProvider _tokens;

    /// <summary>Creates the handler.</summary>
    public KeystoneAuthHandler(KeystoneTokenProvider tokens, HttpMessageHandler? inner = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = tokens;
        if (inner is not null)
        {
            InnerHandler = inner;
        }
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Remove(Header);
        request.Headers.Add(Header, token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Content is not null)
        {
            return response;
        }

        // The token may have been revoked or expired early: renew once, then let the caller see the answer.
        response.Dispose();
        var fresh = await _tokens.InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Remove(Header);
        request.Headers.Add(Header, fresh.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
