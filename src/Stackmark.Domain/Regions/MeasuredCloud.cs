using System.Text;
using System.Text.Json;
using Stackmark.Json;

namespace Stackmark.Regions;

/// <summary>A guest image a run found: its name and what Glance says it is.</summary>
/// <param name="Name">The image's name.</param>
/// <param name="OsDistro">Glance's <c>os_distro</c> (<c>ubuntu</c>), if set.</param>
/// <param name="OsType">Glance's <c>os_type</c> (<c>linux</c>, <c>windows</c>), if set.</param>
public sealed record MeasuredImage(string Name, string? OsDistro, string? OsType)
{
    /// <summary>The image's guest family: from <c>os_type</c>, else <c>os_distro</c>, else its name; null when none tells.</summary>
    public string? Family => GuestOsFamily.Of(OsType) ?? GuestOsFamily.Of(OsDistro) ?? GuestOsFamily.Of(Name);
}

/// <summary>
/// What a run measured of the cloud it certified (manifest.json's <c>cloud</c>): the region, the hypervisor types
/// Nova lists (admin-only: empty for member accounts), the guest images and whether Tempest logged into guests.
/// <c>stackmark upload</c> sends it as the result's <c>measured</c> meta, so the registry can set it beside the
/// region the vendor declared.
/// </summary>
/// <param name="Region">The region certified.</param>
/// <param name="HypervisorTypes">Nova's hypervisor types (<c>QEMU</c>, <c>ironic</c>); empty when they could not be listed.</param>
/// <param name="Images">The active images with their OS properties.</param>
/// <param name="GuestValidation">Whether Tempest's guest validation (SSH into the guests) was on.</param>
public sealed record MeasuredCloud(string? Region, IReadOnlyList<string> HypervisorTypes, IReadOnlyList<MeasuredImage> Images, bool GuestValidation)
{
    /// <summary>The longest <c>measured</c> meta accepted, in bytes: a cloud with a few hundred images fits.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>The meta's JSON: <c>{"region","hypervisor_types":[…],"images":[{"name","os_distro","os_type"}],"guest_validation"}</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Compact))
        {
            w.WriteStartObject();
            w.WriteString("region", Region);
            w.WriteStartArray("hypervisor_types");
            foreach (var h in HypervisorTypes)
            {
                w.WriteStringValue(h);
            }

            w.WriteEndArray();
            w.WriteStartArray("images");
            foreach (var i in Images)
            {
                w.WriteStartObject();
                w.WriteString("name", i.Name);
                w.WriteString("os_distro", i.OsDistro);
                w.WriteString("os_type", i.OsType);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("guest_validation", GuestValidation);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The form sent as the result's <c>measured</c> meta: at most <paramref name="maxBytes"/> bytes of JSON (RefStack
    /// stores meta values of up to 1024), so the images are cut to one per (os_distro, os_type, family) kind, then their names
    /// dropped, then the kinds cut — what the registry compares is the families, which survive each step.
    /// </summary>
    public MeasuredCloud ForMeta(int maxBytes = 1024)
    {
        // Kinds by properties and family: two unlabelled images named "jammy-server" and "win2022" stay two.
        var kinds = Images.DistinctBy(i => (i.OsDistro?.ToLowerInvariant(), i.OsType?.ToLowerInvariant(), i.Family)).ToList();
        var candidate = this with { Images = kinds, HypervisorTypes = [.. HypervisorTypes.Distinct(StringComparer.OrdinalIgnoreCase)] };
        if (Encoding.UTF8.GetByteCount(candidate.ToJson()) <= maxBytes)
        {
            return candidate;
        }

        // Without its name an unlabelled image would lose the family its name told: it goes into os_type.
        candidate = candidate with { Images = [.. kinds.Select(i => i with { Name = "", OsType = i.OsType ?? i.Family })] };
        while (Encoding.UTF8.GetByteCount(candidate.ToJson()) > maxBytes && candidate.Images.Count > 0)
        {
            candidate = candidate with { Images = candidate.Images.Take(candidate.Images.Count - 1).ToList() };
        }

        while (Encoding.UTF8.GetByteCount(candidate.ToJson()) > maxBytes && candidate.HypervisorTypes.Count > 0)
        {
            candidate = candidate with { HypervisorTypes = candidate.HypervisorTypes.Take(candidate.HypervisorTypes.Count - 1).ToList() };
        }

        return candidate;
    }

    /// <summary>
    /// Reads the meta's JSON, or manifest.json's <c>cloud</c> object (which has these keys among others: unknown keys
    /// are ignored). Errors name <paramref name="file"/>, the JSON path and the line.
    /// </summary>
    public static ParseResult<MeasuredCloud> Parse(ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (utf8.Length > MaxBytes)
        {
            return ParseResult<MeasuredCloud>.Fail($"{utf8.Length} bytes; at most {MaxBytes} are accepted", new SourceLocation(file, "$", 1));
        }

        var lines = new LineMap(utf8);
        JNode root;
        try
        {
            root = JParser.Parse(utf8, lines);
        }
        catch (JsonException e)
        {
            return ParseResult<MeasuredCloud>.Fail($"not valid JSON: {e.Message.Split(" Path:")[0]}", new SourceLocation(file, e.Path ?? "$", (int)(e.LineNumber ?? -1) + 1));
        }

        return Read(root, file, lines);
    }

    /// <summary>The <c>cloud</c> object of a parsed manifest (see <see cref="Parse"/>).</summary>
    internal static ParseResult<MeasuredCloud> Read(JNode node, string file, LineMap lines)
    {
        ParseResult<MeasuredCloud> Fail(string message, JNode at) => ParseResult<MeasuredCloud>.Fail(message, new SourceLocation(file, at.Path, lines.LineOf(at.Offset)));

        if (node is not JObject top)
        {
            return Fail($"expected an object with region, hypervisor_types, images and guest_validation, found {node.Kind}", node);
        }

        string? region = null;
        switch (top["region"])
        {
            case null or JNull:
                break;
            case JString { Value: { Length: > 0 and <= 255 } name }:
                region = name;
                break;
            case var bad:
                return Fail("\"region\" must be a string of 1 to 255 characters, or null", bad);
        }

        var hypervisors = new List<string>();
        switch (top["hypervisor_types"])
        {
            case null or JNull:
                break;
            case JArray array:
                foreach (var item in array.Items)
                {
                    if (item is not JString { Value: { Length: > 0 and <= 255 } type })
                    {
                        return Fail("a hypervisor type must be a string of 1 to 255 characters", item);
                    }

                    hypervisors.Add(type);
                }

                break;
            case var bad:
                return Fail("\"hypervisor_types\" must be an array of strings", bad);
        }

        var images = new List<MeasuredImage>();
        switch (top["images"])
        {
            case null or JNull:
                break;
            case JArray array:
                foreach (var item in array.Items)
                {
                    if (item is not JObject image)
                    {
                        return Fail("an image must be an object with name, os_distro and os_type", item);
                    }

                    if (image["name"] is not JString { Value: { Length: <= 255 } name })
                    {
                        return Fail("\"name\" must be a string of at most 255 characters", image["name"] ?? image);
                    }

                    if (!OptionalString(image, "os_distro", out var distro, out var badDistro))
                    {
                        return Fail("\"os_distro\" must be a string of at most 255 characters, or null", badDistro!);
                    }

                    if (!OptionalString(image, "os_type", out var type, out var badType))
                    {
                        return Fail("\"os_type\" must be a string of at most 255 characters, or null", badType!);
                    }

                    images.Add(new MeasuredImage(name, distro, type));
                }

                break;
            case var bad:
                return Fail("\"images\" must be an array of objects", bad);
        }

        var validation = false;
        switch (top["guest_validation"])
        {
            case null or JNull:
                break;
            case JBool b:
                validation = b.Value;
                break;
            case var bad:
                return Fail("\"guest_validation\" must be true or false", bad);
        }

        return ParseResult<MeasuredCloud>.Ok(new MeasuredCloud(region, hypervisors, images, validation));
    }

    private static bool OptionalString(JObject o, string key, out string? value, out JNode? bad)
    {
        (value, bad) = (null, null);
        switch (o[key])
        {
            case null or JNull:
                return true;
            case JString { Value: { Length: <= 255 } s }:
                value = s;
                return true;
            case var other:
                bad = other;
                return false;
        }
    }

    /// <summary>Equality by value, lists compared item by item (records compare lists by reference).</summary>
    public bool Equals(MeasuredCloud? other) => other is not null && Region == other.Region && GuestValidation == other.GuestValidation
        && HypervisorTypes.SequenceEqual(other.HypervisorTypes) && Images.SequenceEqual(other.Images);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Region, GuestValidation, HypervisorTypes.Count, Images.Count);
}
