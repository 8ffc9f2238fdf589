namespace Stackmark.Tempest;

/// <summary>
/// A place in Tempest's source where a test, or a helper it calls, builds or uses Tempest's remote client
/// (<c>tempest.common.utils.linux.remote_client.RemoteClient</c>): SSH into the guest and a Linux command run there.
/// </summary>
/// <param name="File">The source file, relative to the directory that holds the package (<c>tempest/api/…/test_x.py</c>).</param>
/// <param name="Line">The 1-based line of the call.</param>
/// <param name="Method">The method the call is in, as <c>Class.method</c>.</param>
/// <param name="Code">The source line, trimmed.</param>
public sealed record GuestCall(string File, int Line, string Method, string Code)
{
    /// <summary>The call site as <c>file:line method: code</c>.</summary>
    public override string ToString() => $"{File}:{Line} {Method}: {Code}";
}
