using System.Text.Json;

namespace Stackmark.OpenStack;

/// <summary>Swift's capability document (GET /info): one entry per middleware/API, e.g. <c>swift</c>, <c>tempurl</c>.</summary>
/// <param name="Capabilities">Each top-level key with its raw JSON value (cloned; safe to keep).</param>
public sealed record SwiftInfo(IReadOnlyDictionary<string, JsonElement> Capabilities)
{
    /// <summary>The capability names in document order (Tempest's <c>discoverable_apis</c>).</summary>
    public IReadOnlyList<string> Names => [.. Capabilities.Keys];
}
