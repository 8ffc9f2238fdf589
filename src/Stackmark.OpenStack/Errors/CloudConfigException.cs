namespace Stackmark.OpenStack;

/// <summary>The cloud configuration could not be resolved: unknown cloud name, missing or invalid setting.</summary>
/// <remarks>The message names what is missing and <see cref="SearchedFiles"/> lists the clouds.yaml paths tried.</remarks>
public sealed class CloudConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudConfigException(string message, IReadOnlyList<string>? searchedFiles = null, Exception? inner = null)
        : base(message, inner)
    {
        SearchedFiles = searchedFiles ?? [];
    }

    /// <summary>The clouds.yaml candidate paths that were searched (existing or not).</summary>
    public IReadOnlyList<string> SearchedFiles { get; }
}
