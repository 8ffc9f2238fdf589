namespace Stackmark;

/// <summary>How serious a validation finding is.</summary>
public enum Severity
{
    /// <summary>Tolerated; worth a look.</summary>
    Warning,

    /// <summary>Wrong: selection or verdicts would be wrong or incomplete.</summary>
    Error,
}

/// <summary>One validation finding.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">Stable short code.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Location">Where.</param>
public sealed record Finding(Severity Severity, string Code, string Message, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {Message} [{Code}]";
}
