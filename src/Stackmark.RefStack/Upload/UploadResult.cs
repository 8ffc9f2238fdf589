namespace Stackmark.RefStack;

/// <summary>What became of an upload: stored (201 with a test id), refused by the server, or never answered.</summary>
/// <remarks>
/// <see cref="Success"/> is true only for 201 Created with a <c>test_id</c>; RefStack answers nothing else on
/// success, so any other status is a failure even if it is 2xx. Immutable.
/// </remarks>
public sealed class UploadResult
{
    private UploadResult(string? testId, Uri? url, int? statusCode, string? error)
    {
        TestId = testId;
        Url = url;
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Whether RefStack stored the results (201 Created).</summary>
    public bool Success => Error is null;

    /// <summary>The stored result's id (a UUID string); null on failure.</summary>
    public string? TestId { get; }

    /// <summary>Where people can see the result (<c>…/#/results/&lt;id&gt;</c>); null on failure or when the server sent none.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status the server answered; null when the request failed in transit.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether the server never answered (connection refused, DNS, TLS, timeout).</summary>
    public bool IsTransportFailure => !Success && StatusCode is null;

    /// <summary>The server's error text (its <c>title</c>/<c>detail</c>) or the transport problem; null on success.</summary>
    public string? Error { get; }

    /// <summary>A stored upload.</summary>
    public static UploadResult Uploaded(string testId, Uri? url)
    {
        ArgumentException.ThrowIfNullOrEmpty(testId);
        return new(testId, url, 201, null);
    }

    /// <summary>An answer other than 201 Created with a test id.</summary>
    public static UploadResult Rejected(int statusCode, string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, null, statusCode, error);
    }

    /// <summary>No answer from the server.</summary>
    public static UploadResult TransportFailed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, null, null, error);
    }

    /// <inheritdoc />
    public override string ToString() => Success
        ? $"uploaded: {TestId} {Url}"
        : StatusCode is { } status ? $"HTTP {status}: {Error}" : $"not sent: {Error}";
}
