namespace Stackmark.OpenStack;

/// <summary>
/// The guideline tests (object, compute and platform targets of 2019.11 and 2020.06) that need a pristine account,
/// read from Tempest 33's source: those that count or expect empty an account-wide listing. Every other listing
/// assertion of those targets is about the test's own resources (its own names, ids or filters) and holds on an
/// account in use; Tempest's compute, volume, image and network tests were read for this and need nothing.
/// </summary>
/// <remarks>
/// With dynamic credentials (an admin user) Tempest makes fresh projects, so these hold by construction; they matter
/// for pre-provisioned accounts. Tempest picks any account with the object-storage operator role as a class's
/// primary or alternate, so every such account is checked. A test over the installed Tempest tree checks that each
/// entry's test still exists and still asserts what is quoted.
/// </remarks>
public static class PristinePreconditions
{
    private const string AccountTest = "tempest.api.object_storage.test_account_services.AccountTest.";
    private const string AccountFile = "api/object_storage/test_account_services.py";

    /// <summary>The table.</summary>
    public static IReadOnlyList<PristinePrecondition> All { get; } =
    [
        new(AccountTest + "test_list_no_containers", "884ec421-fbad-4fcc-916b-0580f2699565", AccountFile, "test_list_no_containers",
            "self.assertEmpty(container_list)", PristineRequirement.NoContainers,
            "lists the containers of the class's alternate operator account and expects none"),
        new(AccountTest + "test_list_containers_with_marker", "638f876d-6a43-482a-bbb3-0840bca101c6", AccountFile, "test_list_containers_with_marker",
            "self.assertEmpty(container_list)", PristineRequirement.NoContainersIn("tempest-b'd'--", null),
            "expects nothing after its container tempest-b'f'--N and exactly two after tempest-b'd'--N"),
        new(AccountTest + "test_list_containers_with_end_marker", "5ca164e4-7bde-43fa-bafb-913b53b9e786", AccountFile, "test_list_containers_with_end_marker",
            "self.assertEmpty(container_list)", PristineRequirement.NoContainersIn(null, "tempest-b'd'--"),
            "expects nothing before its container tempest-b'a'--N and exactly three before tempest-b'd'--N"),
        new(AccountTest + "test_list_containers_with_marker_and_end_marker", "ac8502c2-d4e4-4f68-85a6-40befea2ef5e", AccountFile, "test_list_containers_with_marker_and_end_marker",
            "self.assertEqual(len(container_list), self.containers_count - 2)", PristineRequirement.NoContainersIn("tempest-b'a'--", "tempest-b'f'--"),
            "expects exactly its own four containers between tempest-b'a'--N and tempest-b'f'--N"),
        new(AccountTest + "test_list_containers_with_limit_and_end_marker", "888a3f0e-7214-4806-8e50-5e0c9a69bb5e", AccountFile, "test_list_containers_with_limit_and_end_marker",
            "min(limit, self.containers_count // 2)", PristineRequirement.NoContainersIn(null, "tempest-b'd'--"),
            "expects at most its own three containers before tempest-b'd'--N"),
        new(AccountTest + "test_list_containers_with_limit_and_marker_and_end_marker", "8cf98d9c-e3a0-4e44-971b-c87656fdddbd", AccountFile, "test_list_containers_with_limit_and_marker_and_end_marker",
            "min(limit, self.containers_count - 2)", PristineRequirement.NoContainersIn("tempest-b'a'--", "tempest-b'f'--"),
            "expects at most its own four containers between tempest-b'a'--N and tempest-b'f'--N"),
        new(AccountTest + "test_list_no_account_metadata", "b904c2e3-24c2-4dba-ad7d-04e90a761be5", AccountFile, "test_list_no_account_metadata",
            "self.assertNotIn('x-account-meta-', str(resp))", PristineRequirement.NoAccountMetadata,
            "expects the account to carry no X-Account-Meta-* header at all (a Temp-URL key or a quota is one)"),
        new("tempest.api.object_storage.test_account_quotas.AccountQuotasTest.test_upload_valid_object", "a22ef352-a342-4587-8f47-3bbdb5b039c4",
            "api/object_storage/test_account_quotas.py", "setUp",
            "headers = {\"X-Account-Meta-Quota-Bytes\": \"20\"}", PristineRequirement.BytesAtMost(16),
            "sets a 20-byte quota on the account and uploads 4 bytes, which Swift refuses when the account already holds more than 16"),
    ];

    /// <summary>
    /// Every pair of an account and a precondition of <paramref name="planned"/> that the account's inventory does
    /// not meet, account by account in the order given.
    /// </summary>
    public static IReadOnlyList<UnmetPrecondition> Check(IEnumerable<AccountInventory> accounts, IEnumerable<PristinePrecondition> planned)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(planned);
        var tests = planned.ToList();
        return [.. accounts.SelectMany(a => tests.Select(p => p.Requirement.UnmetBy(a) is { } unmet ? new UnmetPrecondition(a.Account, p, unmet) : null)).OfType<UnmetPrecondition>()];
    }
}
