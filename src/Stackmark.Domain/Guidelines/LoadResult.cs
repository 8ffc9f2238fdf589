namespace Stackmark;

/// <summary>The outcome of loading a guideline: the guideline, or the error that stopped it.</summary>
/// <remarks>Expected failure (bad input) is a value, not an exception.</remarks>
public sealed class LoadResult
{
    private LoadResult(Guideline? value, GuidelineError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Whether the file loaded.</summary>
    public bool Success => Value is not null;

    /// <summary>The guideline; null when <see cref="Success"/> is false.</summary>
    public Guideline? Value { get; }

    /// <summary>Why loading failed; null on success.</summary>
    public GuidelineError? Error { get; }

    /// <summary>A successful result.</summary>
    public static LoadResult Ok(Guideline value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static LoadResult Fail(GuidelineError error) => new(null, error);

    /// <summary>The guideline, or an <see cref="InvalidOperationException"/> carrying the error text.</summary>
    public Guideline GetValueOrThrow() => Value ?? throw new InvalidOperationException(Error!.ToString());
}
