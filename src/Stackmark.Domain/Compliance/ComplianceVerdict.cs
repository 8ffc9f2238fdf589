namespace Stackmark;

/// <summary>
/// The three outcomes of judging a capability or a run (see <see cref="VerdictRule"/> and <c>docs/verdicts.md</c>).
/// </summary>
/// <remarks>Ordered from best to worst for the cloud: combining verdicts keeps the highest.</remarks>
public enum ComplianceVerdict
{
    /// <summary>Every counted test passed.</summary>
    Compliant,

    /// <summary>
    /// A counted test could not be judged because of the run's own set-up (too few accounts, a missing role, an
    /// unmet precondition, an interrupted run, a runner error, a test missing from the installed Tempest), and no
    /// counted test missed for a cloud reason.
    /// </summary>
    Incomplete,

    /// <summary>At least one counted test missed for a reason that counts against the cloud.</summary>
    NotCompliant,
}
