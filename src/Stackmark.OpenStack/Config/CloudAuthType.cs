namespace Stackmark.OpenStack;

/// <summary>The Keystone v3 authentication method of a cloud.</summary>
public enum CloudAuthType
{
    /// <summary><c>password</c> / <c>v3password</c>: user name or id, password, project scope.</summary>
    Password,

    /// <summary><c>v3applicationcredential</c>: application credential id (or name + user) and secret.</summary>
    ApplicationCredential,
}
