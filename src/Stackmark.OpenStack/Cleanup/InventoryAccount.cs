namespace Stackmark.OpenStack;

/// <summary>Whose inventory: the user and project of the token it was taken with.</summary>
/// <param name="UserName">The user.</param>
/// <param name="ProjectName">The project.</param>
/// <param name="ProjectId">The project's id (from the token).</param>
public sealed record InventoryAccount(string UserName, string ProjectName, string ProjectId)
{
    /// <summary><c>user@project</c>.</summary>
    public override string ToString() => $"{UserName}@{ProjectName}";
}
