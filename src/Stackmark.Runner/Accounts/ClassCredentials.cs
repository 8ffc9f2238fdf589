using Stackmark.Tempest;

namespace Stackmark.Runner;

/// <summary>A planned Tempest test class with the credentials it locks while it runs (see <see cref="TempestTree.CredentialsOf"/>).</summary>
/// <param name="Class">The class, <c>package.module.Class</c>.</param>
/// <param name="Slots">Its credentials in Tempest's allocation order.</param>
public sealed record ClassCredentials(string Class, IReadOnlyList<CredentialSlot> Slots);
