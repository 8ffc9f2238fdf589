using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stackmark.Server.Data;

namespace Stackmark.Server.Waivers;

/// <summary>
/// A foundation admin's waiver for one product: failing tests (or a whole capability) that the foundation accepts
/// until an expiry date, optionally for one guideline and target only. It never changes a stored verdict; reports show
/// a separate "compliant with waivers" line (<see cref="WaiverCoverage"/>).
/// </summary>
internal sealed class Waiver
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    /// <summary>The guideline it applies to (e.g. <c>2020.06</c>), or null for any.</summary>
    public string? Guideline { get; set; }

    /// <summary>The target it applies to (e.g. <c>object</c>), or null for any.</summary>
    public string? Target { get; set; }

    /// <summary>The capability whose failing tests it covers; null when it names tests.</summary>
    public string? Capability { get; set; }

    /// <summary>The tests it covers (names or idempotent ids), one a line; empty when it names a capability.</summary>
    public string Tests { get; set; } = "";

    public string Reason { get; set; } = "";

    /// <summary>The last day (UTC) the waiver applies; from the next day on it is shown as expired.</summary>
    public DateOnly ExpiresOn { get; set; }

    public Guid? GrantedById { get; set; }

    public string GrantedByName { get; set; } = "";

    public DateTime GrantedAt { get; set; }

    /// <summary>When a foundation admin withdrew it before it expired; the record stays, shown as revoked.</summary>
    public DateTime? RevokedAt { get; set; }

    public string? RevokedByName { get; set; }
}

/// <summary>The <c>waivers</c> table (applied by <c>RegistryDbContext</c>).</summary>
internal sealed class WaiverConfiguration : IEntityTypeConfiguration<Waiver>
{
    public void Configure(EntityTypeBuilder<Waiver> builder)
    {
        builder.ToTable("waivers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Guideline).HasMaxLength(64);
        builder.Property(x => x.Target).HasMaxLength(64);
        builder.Property(x => x.Capability).HasMaxLength(128);
        builder.Property(x => x.Reason).HasMaxLength(WaiversApi.MaxReasonLength);
        builder.Property(x => x.GrantedByName).HasMaxLength(128);
        builder.Property(x => x.RevokedByName).HasMaxLength(128);
        builder.HasIndex(x => x.ProductId);
        builder.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.GrantedById).OnDelete(DeleteBehavior.SetNull);
    }
}
