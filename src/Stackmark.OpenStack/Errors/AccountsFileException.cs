namespace Stackmark.OpenStack;

/// <summary>A Tempest accounts.yaml could not be read: the message names the file, the line and the entry.</summary>
/// <remarks>Thrown by <see cref="AccountsFile.Parse"/> and <see cref="AccountsFile.Read"/>.</remarks>
public sealed class AccountsFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccountsFileException(string message, int? line = null, Exception? inner = null)
        : base(message, inner)
    {
        Line = line;
    }

    /// <summary>The 1-based line of the offending entry or YAML error, when known.</summary>
    public int? Line { get; }
}
