using Stackmark.Server.Auth;
using Stackmark.Server.Data;

namespace Stackmark.Server.Results;

/// <summary>What a caller is to a run, RefStack's order: foundation &gt; owner &gt; user (public run) &gt; none.</summary>
internal enum ResultRole
{
    None,
    User,
    Owner,
    Foundation,
}

/// <summary>Works out a caller's role on a run.</summary>
internal static class ResultRoles
{
    /// <summary>Public runs: unsigned uploads, and signed ones whose owner set <c>shared</c>.</summary>
    public static bool IsPublic(TestRun run) => run.OwnerId is null || run.Shared;

    public static ResultRole Of(Caller? caller, TestRun run) => caller switch
    {
        { IsFoundation: true } => ResultRole.Foundation,
        { } c when c.UserId == run.OwnerId => ResultRole.Owner,
        _ when IsPublic(run) => ResultRole.User,
        _ => ResultRole.None,
    };

    public static string? Word(ResultRole role) => role switch
    {
        ResultRole.Foundation => "foundation",
        ResultRole.Owner => "owner",
        ResultRole.User => "user",
        _ => null,
    };
}
