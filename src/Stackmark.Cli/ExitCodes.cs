namespace Stackmark.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for verdicts: compliant.</summary>
    public const int Ok = 0;

    /// <summary>A negative answer: not compliant, or validation errors found.</summary>
    public const int NotCompliant = 1;

    /// <summary>Usage or input error: bad option, unknown guideline, unreadable or invalid file.</summary>
    public const int UsageError = 2;

    /// <summary>The runner failed: Tempest crashed, the cloud is unreachable.</summary>
    public const int RunnerError = 3;
}

/// <summary>An error in what the user asked for or gave; reported as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
