using System.Text.RegularExpressions;

namespace Stackmark;

/// <content>
/// Misses of the run's accounts (<see cref="NonPassCategory.Accounts"/>): Tempest's own words for "the pre-provisioned
/// accounts lack an account or a role", and the reasons that name what to add.
/// </content>
public sealed partial record NonPass
{
    private const string RolePrefix = "needs an account with role ";
    private const string SecondAccountPrefix = "needs a second account (alternate credentials)";
    private const string MoreAccountsPrefix = "needs more accounts than the run had";

    /// <summary>A test the run's accounts cannot serve for want of an account with <paramref name="role"/>.</summary>
    /// <param name="role">The role, e.g. <c>ResellerAdmin</c>.</param>
    /// <param name="detail">Where this was learnt (Tempest's message, the account plan).</param>
    public static NonPass NeedsRole(string role, string detail) => new(NonPassCategory.Accounts, $"{RolePrefix}{role}: {detail}");

    /// <summary>A test that needs alternate credentials (a second account) the run did not have.</summary>
    public static NonPass NeedsSecondAccount(string detail) => new(NonPassCategory.Accounts, $"{SecondAccountPrefix}: {detail}");

    /// <summary>A test that found every account taken by the other workers: more accounts, or fewer workers.</summary>
    public static NonPass NeedsMoreAccounts(string detail) => new(NonPassCategory.Accounts, $"{MoreAccountsPrefix}: {detail}");

    /// <summary>
    /// What an <see cref="NonPassCategory.Accounts"/> miss asks for, as a phrase after "N tests need": "an account with
    /// role R", "a second account (alternate credentials)", "more accounts …"; null for another category or a reason
    /// in no known form.
    /// </summary>
    public string? AccountNeed => Category != NonPassCategory.Accounts ? null
        : Reason.StartsWith(RolePrefix, StringComparison.Ordinal) ? "an account with role " + Reason[RolePrefix.Length..].Split(':', 2)[0].Trim()
        : Reason.StartsWith(SecondAccountPrefix, StringComparison.Ordinal) ? "a second account (alternate credentials)"
        : Reason.StartsWith(MoreAccountsPrefix, StringComparison.Ordinal) ? "more accounts: two per worker (add accounts or lower --concurrency)"
        : null;

    /// <summary>
    /// Classifies Tempest 33's messages for accounts that cannot serve a test, or returns null. They come from
    /// <c>tempest/lib/common/preprov_creds.py</c> (<c>InvalidCredentials</c>: "Insufficient number of users provided…",
    /// "No credentials with role: R specified in the accounts file", "No credentials matching role: R, scope: S…",
    /// "No users configured for type/roles ['R']", "No accounts file specified", "Type 'T' configured, but no … role
    /// specified"), <c>tempest/test.py</c> (skips: "Missing a 2nd set of API credentials in configuration.", "Missing
    /// Identity Admin API credentials in configuration.", "C skipped because the configured credential provider is not
    /// able to provide credentials with the R role assigned.") and <c>tempest/common/credentials_factory.py</c>
    /// ("A valid credential provider is needed").
    /// </summary>
    /// <param name="text">A skip reason or a failure's traceback.</param>
    internal static NonPass? ForAccounts(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Insufficient().Match(text) is { Success: true } insufficient)
        {
            // The holders are the test classes that hold every account. One class holding them all needs more than
            // there are (a second account); several are workers that took them each.
            var holders = insufficient.Groups["holders"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            var said = $"Tempest: Insufficient number of users provided ({string.Join(", ", holders)} held them all)";
            return holders.Count <= 1 ? NeedsSecondAccount(said) : NeedsMoreAccounts(said);
        }

        if (text.Contains("Missing a 2nd set of API credentials", StringComparison.Ordinal))
        {
            return NeedsSecondAccount("Tempest: Missing a 2nd set of API credentials in configuration");
        }

        if (RoleMissing().Match(text) is { Success: true } role)
        {
            var scope = role.Groups["scope"].Success ? $", scope {role.Groups["scope"].Value}" : "";
            return NeedsRole(role.Groups["role"].Value, $"Tempest: no account with role {role.Groups["role"].Value}{scope} in the accounts file");
        }

        if (RolesUnserved().Match(text) is { Success: true } roles)
        {
            var names = string.Join(" and ", RoleNames().Matches(roles.Groups["roles"].Value).Select(m => m.Groups[1].Value));
            return NeedsRole(names.Length == 0 ? roles.Groups["roles"].Value : names, "Tempest: No users configured for these roles (accounts with the admin role are never handed out for them)");
        }

        if (ProviderLacksRole().Match(text) is { Success: true } provider)
        {
            return NeedsRole(provider.Groups["role"].Value, "Tempest: the configured credential provider cannot provide credentials with this role");
        }

        if (text.Contains("Missing Identity Admin API credentials", StringComparison.Ordinal))
        {
            return NeedsRole("admin", "Tempest: Missing Identity Admin API credentials in configuration");
        }

        if (TypeWithoutRole().Match(text) is { Success: true } type)
        {
            return new(NonPassCategory.Accounts, $"an account of type {type.Groups["type"].Value} but no {type.Groups["option"].Value} in tempest.conf");
        }

        if (text.Contains("No accounts file specified", StringComparison.Ordinal) || text.Contains("A valid credential provider is needed", StringComparison.Ordinal))
        {
            return new(NonPassCategory.Accounts, "Tempest was given no accounts (no accounts file and no admin for dynamic credentials)");
        }

        return null;
    }

    [GeneratedRegex(@"Insufficient number of users provided\. (?<holders>.*?) have allocated all the credentials")]
    private static partial Regex Insufficient();

    [GeneratedRegex(@"No credentials (?:with|matching) role: (?<role>[^,\s]+)(?:, scope: (?<scope>\S+))? specified in the accounts file")]
    private static partial Regex RoleMissing();

    [GeneratedRegex(@"No users configured for type/roles (?<roles>\[[^\]\r\n]*\]|\S+)")]
    private static partial Regex RolesUnserved();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex RoleNames();

    [GeneratedRegex(@"not able to provide credentials with the (?<role>\S+) role assigned")]
    private static partial Regex ProviderLacksRole();

    [GeneratedRegex(@"Type '(?<type>[^']+)' configured, but no (?<option>\S+) specified")]
    private static partial Regex TypeWithoutRole();
}
