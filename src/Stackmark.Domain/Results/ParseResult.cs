namespace Stackmark;

/// <summary>The outcome of parsing outside input: a value, or an error with its location.</summary>
/// <typeparam name="T">The parsed value's type.</typeparam>
public sealed class ParseResult<T>
    where T : class
{
    private ParseResult(T? value, string? error, SourceLocation? location)
    {
        Value = value;
        Error = error;
        Location = location;
    }

    /// <summary>Whether parsing succeeded.</summary>
    public bool Success => Value is not null;

    /// <summary>The value; null on failure.</summary>
    public T? Value { get; }

    /// <summary>What is wrong; null on success.</summary>
    public string? Error { get; }

    /// <summary>Where it is wrong; null on success.</summary>
    public SourceLocation? Location { get; }

    /// <summary>A successful result.</summary>
    public static ParseResult<T> Ok(T value) => new(value, null, null);

    /// <summary>A failed result.</summary>
    public static ParseResult<T> Fail(string error, SourceLocation location) => new(null, error, location);

    /// <inheritdoc />
    public override string ToString() => Success ? $"ok: {Value}" : $"{Location}: {Error}";
}
