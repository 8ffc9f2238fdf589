namespace Stackmark.OpenStack;

/// <summary>A Swift account as HEAD shows it: its counters and the names of its metadata (<c>X-Account-Meta-*</c>).</summary>
/// <param name="ContainerCount"><c>X-Account-Container-Count</c>.</param>
/// <param name="ObjectCount"><c>X-Account-Object-Count</c>.</param>
/// <param name="BytesUsed"><c>X-Account-Bytes-Used</c>.</param>
/// <param name="MetadataKeys">The metadata keys, lower case, without the <c>x-account-meta-</c> prefix (e.g. <c>temp-url-key</c>).</param>
public sealed record SwiftAccount(long ContainerCount, long ObjectCount, long BytesUsed, IReadOnlyList<string> MetadataKeys);
