namespace Stackmark.OpenStack;

/// <summary>A Glance v2 image with the guest-OS properties Tempest cares about.</summary>
/// <remarks>
/// <see cref="OsDistro"/>, <see cref="OsType"/> and <see cref="OsVersion"/> are the standard image properties
/// (https://docs.openstack.org/glance/latest/admin/useful-image-properties.html); null when unset.
/// </remarks>
public sealed record Image
{
    /// <summary>Image id.</summary>
    public required string Id { get; init; }

    /// <summary>Image name (may be empty).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Status, e.g. <c>active</c>, <c>queued</c>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Visibility: public, community, shared, private.</summary>
    public string Visibility { get; init; } = string.Empty;

    /// <summary>Disk format, e.g. qcow2, raw.</summary>
    public string? DiskFormat { get; init; }

    /// <summary>Container format, e.g. bare.</summary>
    public string? ContainerFormat { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>Minimum RAM in MiB.</summary>
    public long MinRamMb { get; init; }

    /// <summary>Minimum disk in GiB.</summary>
    public long MinDiskGb { get; init; }

    /// <summary><c>os_distro</c> property (e.g. ubuntu, cirros).</summary>
    public string? OsDistro { get; init; }

    /// <summary><c>os_type</c> property (linux, windows).</summary>
    public string? OsType { get; init; }

    /// <summary><c>os_version</c> property.</summary>
    public string? OsVersion { get; init; }

    /// <summary><c>os_admin_user</c> property: the SSH login of the guest, if published.</summary>
    public string? OsAdminUser { get; init; }
}
