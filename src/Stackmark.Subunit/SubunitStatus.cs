namespace Stackmark.Subunit;

/// <summary>The test status carried in the low three bits of a subunit v2 packet's flags.</summary>
/// <remarks>
/// Values are the wire values (https://github.com/testing-cabal/subunit/blob/main/README.rst, "Version 2").
/// The default, <see cref="Undefined"/>, is python-subunit's <c>None</c>: the packet carries no status, typically
/// only a file attachment.
/// </remarks>
public enum SubunitStatus
{
    /// <summary>No status (python-subunit <c>None</c>); the packet carries other data, such as an attachment.</summary>
    Undefined = 0,

    /// <summary>The test exists (used when listing tests).</summary>
    Exists = 1,

    /// <summary>The test has started.</summary>
    InProgress = 2,

    /// <summary>The test passed.</summary>
    Success = 3,

    /// <summary>The test was expected to fail but passed.</summary>
    UxSuccess = 4,

    /// <summary>The test was skipped.</summary>
    Skip = 5,

    /// <summary>The test failed.</summary>
    Fail = 6,

    /// <summary>The test failed, as expected.</summary>
    XFail = 7,
}
