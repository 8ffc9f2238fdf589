namespace Stackmark;

/// <summary>The outcome of parsing a text file (a worksheet, a flags file): a value, or an error with its line and column.</summary>
/// <typeparam name="T">The parsed value's type.</typeparam>
/// <remarks>Expected failure (bad input) is a value, not an exception. Immutable.</remarks>
public sealed class TextParseResult<T>
    where T : class
{
    private TextParseResult(T? value, string? error, TextLocation location)
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

    /// <summary>Where it is wrong; default on success.</summary>
    public TextLocation Location { get; }

    /// <summary>A successful result.</summary>
    public static TextParseResult<T> Ok(T value) => new(value, null, default);

    /// <summary>A failed result.</summary>
    public static TextParseResult<T> Fail(string error, TextLocation location) => new(null, error, location);

    /// <summary><c>file:line:column: error</c>, or <c>ok: value</c>.</summary>
    public override string ToString() => Success ? $"ok: {Value}" : $"{Location}: {Error}";
}
