namespace Stackmark.RefStack;

/// <summary>The outcome of an operation that can fail for expected reasons: a value, or a message saying what is wrong.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <remarks>
/// Bad key files, malformed public keys and signatures that do not verify are expected failures and come back as
/// values; exceptions are kept for caller bugs (null arguments). Immutable.
/// </remarks>
public sealed class Attempt<T>
    where T : class
{
    private Attempt(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Whether the operation succeeded.</summary>
    public bool Success => Value is not null;

    /// <summary>The value; null on failure.</summary>
    public T? Value { get; }

    /// <summary>A message for a person saying what is wrong and, where possible, how to fix it; null on success.</summary>
    public string? Error { get; }

    /// <summary>A successful outcome.</summary>
    public static Attempt<T> Ok(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, null);
    }

    /// <summary>A failed outcome.</summary>
    public static Attempt<T> Fail(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, error);
    }

    /// <inheritdoc />
    public override string ToString() => Success ? $"ok: {Value}" : $"error: {Error}";
}
