namespace Stackmark.RefStack.Tests.Support;

/// <summary>The ssh-keygen fixture, shared by the key, signing and upload tests.</summary>
[CollectionDefinition(Name)]
public sealed class SshKeysCollection : ICollectionFixture<SshKeys>
{
    public const string Name = "ssh-keygen keys";
}
