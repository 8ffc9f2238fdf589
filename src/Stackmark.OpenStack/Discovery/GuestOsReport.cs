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
    /// <summary>Builds the report from an image list and service availability.</summary>
    public static GuestOsReport Build(IEnumerable<Image> images, bool computeAvailable, bool networkAvailable)
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

        if (recommended is null)
        {
            reasons.Add(entries.Count == 0
                ? "no image is visible to the project"
                : "no active Linux image (set os_type=linux or os_distro on a bootable image)");
        }

        return new GuestOsReport(entries, reasons.Count == 0, recommended, reasons);
    }
}
