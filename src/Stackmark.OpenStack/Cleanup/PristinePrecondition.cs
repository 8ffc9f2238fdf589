namespace Stackmark.OpenStack;

/// <summary>
/// A Tempest test that asserts on an account-wide listing, so it can only pass on an account that does not hold
/// certain things before the run; with the evidence in Tempest's source.
/// </summary>
/// <param name="Test">The Tempest test id (<c>tempest.api.….Class.test_method</c>).</param>
/// <param name="IdempotentId">Its idempotent id (a GUID, without <c>id-</c>).</param>
/// <param name="File">Its file under the <c>tempest</c> package, e.g. <c>api/object_storage/test_account_services.py</c>.</param>
/// <param name="EvidenceMethod">The method of the test's class that holds <paramref name="Evidence"/>: the test itself, or its <c>setUp</c>.</param>
/// <param name="Evidence">The asserting call (or the setting it asserts against), verbatim from Tempest 33.</param>
/// <param name="Requirement">What the account must not hold.</param>
/// <param name="Why">One line: why the listing breaks otherwise.</param>
public sealed record PristinePrecondition(string Test, string IdempotentId, string File, string EvidenceMethod, string Evidence, PristineRequirement Requirement, string Why)
{
    /// <summary>The test method's name.</summary>
    public string Method => Test[(Test.LastIndexOf('.') + 1)..];

    /// <summary>The test's class name.</summary>
    public string Class => Test[..Test.LastIndexOf('.')][(Test[..Test.LastIndexOf('.')].LastIndexOf('.') + 1)..];

    /// <summary><c>Class.method</c>.</summary>
    public string ShortName => $"{Class}.{Method}";
}
