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

    /// <summary>The runner failed: Tempest crashed, the cloud is unreachable, the run was interrupted (its outputs say incomplete).</summary>
    public const int RunnerError = 3;

    /// <summary>Incomplete: no required test failed for the cloud's reason, but the run could not judge every one (docs/verdicts.md).</summary>
    public const int Incomplete = 4;

    /// <summary>The exit code of a verdict: 0 compliant, 1 not compliant, 4 incomplete.</summary>
    public static int Of(ComplianceVerdict verdict) => verdict switch
    {
        ComplianceVerdict.Compliant => Ok,
        ComplianceVerdict.Incomplete => Incomplete,
        _ => NotCompliant,
    };
}

/// <summary>An error in what the user asked for or gave; reported as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
