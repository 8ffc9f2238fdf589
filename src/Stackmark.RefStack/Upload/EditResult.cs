namespace Stackmark.RefStack;

/// <summary>What became of a change to an uploaded result (a metadata key, a product version link): done, refused, or never answered.</summary>
/// <remarks>
/// <see cref="Success"/> is any 2xx answer: RefStack answers 201 to both calls, Stackmark 201 to metadata and 200 to a
/// link. Immutable.
/// </remarks>
public sealed class EditResult
{
    private EditResult(int? statusCode, string? error)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Whether the registry made the change.</summary>
    public bool Success => Error is null;

    /// <summary>The HTTP status the registry answered; null when the request failed in transit.</summary>
    public int? StatusCode { get; }

    /// <summary>The registry's error text (its <c>title</c>/<c>detail</c>) or the transport problem; null on success.</summary>
    public string? Error { get; }

    /// <summary>A change made.</summary>
    public static EditResult Done(int statusCode) => new(statusCode, null);

    /// <summary>A non-2xx answer.</summary>
    public static EditResult Refused(int statusCode, string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(statusCode, error);
    }

    /// <summary>No answer from the registry.</summary>
    public static EditResult TransportFailed(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, error);
    }

    /// <inheritdoc />
    public override string ToString() => Success
        ? $"done (HTTP {StatusCode})"
        : StatusCode is { } status ? $"HTTP {status}: {Error}" : $"not sent: {Error}";
}
