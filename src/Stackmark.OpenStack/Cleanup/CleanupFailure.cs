namespace Stackmark.OpenStack;

/// <summary>A resource the run made that could not be removed, and why.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="Reason">One line: the service's answer, or the limit that ran out.</param>
public sealed record CleanupFailure(CloudResource Resource, string Reason);
