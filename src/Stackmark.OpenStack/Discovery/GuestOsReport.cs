namespace Stackmark.OpenStack;

/// <summary>The guest-OS inventory: images with their OS properties and whether Tempest guest validation can be enabled.</summary>
/// <remarks>
/// Guest validation (<c>[validation] run_validation</c>) boots servers and logs in over SSH, so it needs compute, network
/// and at least one usable Linux image; <see cref="Reasons"/> says what is missing.
/// </remarks>
/// <param name="Images">Every image visible to the project.</param>
/// <param name="CanEnableGuestValidation">Whether validation can be turned on.</param>
/// <param name="RecommendedImage">The image to validate with, if any.</param>
/// <param name="Reasons">Why validation cannot be enabled (empty when it can).</param>
public sealed record GuestOsReport(
    IReadOnlyList<GuestOsImage> Images, bool CanEnableGuestValidation, GuestOsImage? RecommendedImage, IReadOnlyList<string> Reasons)
{
    /// <summary>Builds the report from an image list, service availability and, when known, the hypervisor types.</summary>
    /// <param name="images">The images visible to the project.</param>
    /// <param name="computeAvailable">Nova is in the catalog.</param>
    /// <param name="networkAvailable">Neutron is in the catalog.</param>
    /// <param name="hypervisorTypes">The compute nodes' hypervisor types (admin only; null or empty when unknown).
    /// When every node is Nova's <c>fake</c> driver no guest ever boots.</param>
    public static GuestOsReport Build(IEnumerable<Image> images, bool computeAvailable, bool networkAvailable, IReadOnlyList<string>? hypervisorTypes = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var entries = images.Select(GuestOsImage.From).ToList();
        var recommended = entries.Where(e => e.Usable)
            .OrderByDescending(e => e.OsDistro is not null)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        var reasons = new List<string>();
        if (!computeAvailable)
        {
            reasons.Add("no compute service (nova) in the catalog");
        }

        if (!networkAvailable)
        {
            reasons.Add("no network service (neutron) in the catalog");
        }

        if (hypervisorTypes is { Count: > 0 } && hypervisorTypes.All(t => string.Equals(t, "fake", StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add("the hypervisor type is 'fake' (Nova's fake virt driver): servers run no guest");
        }

        if (recommended is null)
        {
            reasons.Add(entries.Count == 0
                ? "no image is visible to the project"
                : "no active Linux image (set os_type=linux or os_distro on a bootable image)");
        }

        return new GuestOsReport(entries, reasons.Count == 0, recommended, reasons);
    }
}
