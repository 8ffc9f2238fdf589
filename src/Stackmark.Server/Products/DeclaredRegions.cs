using System.Text.Json;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Products;

/// <summary>
/// Reads and checks a product's declared configuration, the body of <c>PUT /v1/products/{id}/regions</c>:
/// <c>{"regions":[{"name","kind","runtime","guest_os":[…]}]}</c>. Every error names the JSON path it is about, so a
/// vendor with fifty regions learns which one is wrong.
/// </summary>
internal static class DeclaredRegions
{
    public const int MaxRegions = 64;
    public const int MaxGuestOperatingSystems = 64;
    public const int MaxNameLength = 64;

    /// <summary>How a region runs instances: on a hypervisor, in containers (e.g. Kata, which is also a VM), or on bare metal.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["hypervisor", "container", "bare-metal"];

    private static readonly string[] RegionKeys = ["name", "kind", "runtime", "guest_os"];

    private const string Schema = "Request doesn't correspond to schema";

    /// <summary>Why a declaration was refused: a title and a detail naming the JSON path.</summary>
    public sealed record Refusal(string Title, string Detail);

    /// <summary>The regions of the body in declaration order, or why they are refused.</summary>
    public static (List<ProductRegion>? Regions, Refusal? Error) Parse(Guid productId, Dictionary<string, JsonElement> body)
    {
        if (!body.TryGetValue("regions", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return Fail(Schema, "\"regions\" must be an array of regions (an empty array declares none)");
        }

        if (array.GetArrayLength() > MaxRegions)
        {
            return Fail("Too many regions", $"\"regions\" has {array.GetArrayLength()} entries; at most {MaxRegions} are accepted");
        }

        var regions = new List<ProductRegion>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in array.EnumerateArray())
        {
            var at = $"regions[{regions.Count}]";
            var (region, error) = ParseRegion(element, at);
            if (region is null)
            {
                return (null, error);
            }

            if (seen.TryGetValue(region.Name, out var first))
            {
                return Fail("Duplicate region", $"{at}.name: \"{region.Name}\" is already declared by regions[{first}] (names are compared ignoring case)");
            }

            seen[region.Name] = regions.Count;
            region.ProductId = productId;
            region.Position = regions.Count;
            regions.Add(region);
        }

        return (regions, null);
    }

    private static (ProductRegion? Region, Refusal? Error) ParseRegion(JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return FailRegion(Schema, $"{at} must be an object with name, kind, runtime and guest_os");
        }

        foreach (var p in element.EnumerateObject())
        {
            if (!RegionKeys.Contains(p.Name))
            {
                return FailRegion(Schema, $"{at}: unexpected key \"{p.Name}\" (allowed: {string.Join(", ", RegionKeys)})");
            }
        }

        var (name, nameError) = Text(element, "name", at);
        if (nameError is not null)
        {
            return FailRegion(Schema, nameError);
        }

        if (string.IsNullOrEmpty(name))
        {
            return FailRegion("Invalid region", $"{at}.name is required and cannot be empty");
        }

        if (CheckName(name, $"{at}.name") is { } badName)
        {
            return FailRegion("Invalid region", badName);
        }

        var (kind, kindError) = Text(element, "kind", at);
        if (kindError is not null)
        {
            return FailRegion(Schema, kindError);
        }

        if (kind is null || !Kinds.Contains(kind))
        {
            return FailRegion("Invalid region", $"{at}.kind: {(kind is null ? "missing" : $"\"{kind}\" is unknown")}; one of {string.Join(", ", Kinds)}");
        }

        var (runtime, runtimeError) = Text(element, "runtime", at);
        if (runtimeError is not null)
        {
            return FailRegion(Schema, runtimeError);
        }

        // Bare metal may name its driver (Ironic) or nothing; a hypervisor or container region says which one it runs.
        if (string.IsNullOrEmpty(runtime) && kind != "bare-metal")
        {
            return FailRegion("Invalid region", $"{at}.runtime: a {kind} region names its {(kind == "hypervisor" ? "hypervisor (e.g. KVM)" : "container runtime (e.g. Kata)")}");
        }

        if (!string.IsNullOrEmpty(runtime) && CheckName(runtime, $"{at}.runtime") is { } badRuntime)
        {
            return FailRegion("Invalid region", badRuntime);
        }

        var (guests, guestError) = GuestOperatingSystems(element, at);
        return guests is null
            ? FailRegion(guestError!.Title, guestError.Detail)
            : (new ProductRegion { Name = name, Kind = kind, Runtime = string.IsNullOrEmpty(runtime) ? null : runtime, GuestOperatingSystems = guests }, null);
    }

    private static (List<string>? Names, Refusal? Error) GuestOperatingSystems(JsonElement region, string at)
    {
        if (!region.TryGetProperty("guest_os", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return (null, new Refusal(Schema, $"{at}.guest_os must be an array of names"));
        }

        if (array.GetArrayLength() > MaxGuestOperatingSystems)
        {
            return (null, new Refusal("Too many guest operating systems", $"{at}.guest_os has {array.GetArrayLength()} entries; at most {MaxGuestOperatingSystems} are accepted"));
        }

        var names = new List<string>();
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            var path = $"{at}.guest_os[{i++}]";
            if (e.ValueKind != JsonValueKind.String)
            {
                return (null, new Refusal(Schema, $"{path} must be a string"));
            }

            var name = e.GetString()!.Trim();
            if (CheckName(name, path) is { } bad)
            {
                return (null, new Refusal("Invalid region", bad));
            }

            if (names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is { } twin)
            {
                return (null, new Refusal("Invalid region", $"{path}: \"{name}\" is listed twice (as \"{twin}\"; names are compared ignoring case)"));
            }

            names.Add(name);
        }

        return (names, null);
    }

    /// <summary>A trimmed string member, null when absent or JSON null; the error (not a string) names the path.</summary>
    private static (string? Value, string? Error) Text(JsonElement obj, string key, string at)
    {
        if (!obj.TryGetProperty(key, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return (null, $"{at}.{key} must be a string");
        }

        var s = e.GetString()!.Trim();
        return (s, null);
    }

    /// <summary>Null when <paramref name="name"/> is a storable name of 1 to <see cref="MaxNameLength"/> characters.</summary>
    private static string? CheckName(string name, string path) =>
        name.Length == 0 ? $"{path} cannot be empty"
        : name.Length > MaxNameLength ? $"{path} is {name.Length} characters long; at most {MaxNameLength}"
        : !RequestBody.IsStorable(name) || name.Any(char.IsControl) ? $"{path} contains a control character, NUL or lone surrogate"
        : null;

    private static (List<ProductRegion>?, Refusal?) Fail(string title, string detail) => (null, new Refusal(title, detail));

    private static (ProductRegion?, Refusal?) FailRegion(string title, string detail) => (null, new Refusal(title, detail));
}
