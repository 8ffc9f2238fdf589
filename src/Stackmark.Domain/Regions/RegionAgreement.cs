namespace Stackmark.Regions;

/// <summary>
/// Where what a run measured disagrees with the region the vendor declared: the region's name, its kind (from Nova's
/// hypervisor types) and its guest operating systems (from the images' OS properties). Nothing measured, nothing said:
/// member accounts cannot list hypervisors, and that is no disagreement.
/// </summary>
/// <remarks>Pure.</remarks>
public static class RegionAgreement
{
    /// <summary>The region kind a Nova hypervisor type means; null for Nova's fake driver, which runs nothing.</summary>
    public static string? KindOf(string hypervisorType)
    {
        ArgumentNullException.ThrowIfNull(hypervisorType);
        return hypervisorType.Trim().ToLowerInvariant() switch
        {
            "fake" => null,
            "ironic" => "bare-metal",
            "lxc" or "lxd" or "docker" or "zun" => "container",
            _ => "hypervisor",
        };
    }

    /// <summary>The disagreements, one readable line each; empty when the measurement agrees (or says nothing).</summary>
    public static IReadOnlyList<string> Compare(DeclaredRegion declared, MeasuredCloud measured)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(measured);
        var found = new List<string>();
        if (measured.Region is { } region && !string.Equals(region, declared.Name, StringComparison.OrdinalIgnoreCase))
        {
            found.Add($"the run certified region {region}, the result names region {declared.Name}");
        }

        if (measured.HypervisorTypes.Count > 0)
        {
            var kinds = measured.HypervisorTypes.Select(KindOf).ToList();
            var types = string.Join(", ", measured.HypervisorTypes.Distinct(StringComparer.OrdinalIgnoreCase));
            // A container runtime that is a VM (Kata) shows as a hypervisor: a container region may measure one.
            var vmContainer = declared.Kind.Equals("container", StringComparison.OrdinalIgnoreCase) && declared.Runtime?.Contains("kata", StringComparison.OrdinalIgnoreCase) == true;
            if (kinds.All(k => k is null))
            {
                found.Add($"the cloud's compute hosts run Nova's fake driver ({types}): no {declared.Kind} runs the guests");
            }
            else if (!kinds.Contains(declared.Kind.ToLowerInvariant()) && !(vmContainer && kinds.Contains("hypervisor")))
            {
                found.Add($"declared kind {declared.Kind}, measured hypervisor types {types} ({string.Join(", ", kinds.OfType<string>().Distinct())})");
            }
        }

        var declaredFamilies = declared.GuestFamilies;
        var measuredFamilies = measured.Images.Select(i => i.Family).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var undeclared = measuredFamilies.Where(f => !declaredFamilies.Contains(f)).ToList();
        if (undeclared.Count > 0)
        {
            var examples = measured.Images.Where(i => i.Family is { } f && undeclared.Contains(f)).Take(3).Select(i => $"{i.Name} ({i.OsDistro ?? i.OsType ?? "by name"})");
            found.Add($"the cloud's images are {string.Join(", ", undeclared)} guests ({string.Join(", ", examples)}), which region {declared.Name} does not declare (declared: {(declared.GuestOperatingSystems.Count == 0 ? "none" : string.Join(", ", declared.GuestOperatingSystems))})");
        }

        if (measuredFamilies.Count > 0 && declaredFamilies.Contains(GuestOsFamily.Linux) && !measuredFamilies.Contains(GuestOsFamily.Linux))
        {
            found.Add($"region {declared.Name} declares Linux guests, and the cloud has no Linux image");
        }

        return found;
    }
}
