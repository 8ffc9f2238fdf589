using Microsoft.EntityFrameworkCore;
using Stackmark.Server.Products;

namespace Stackmark.Server.Data;

/// <summary>
/// The registry's database. The model is provider-neutral; each provider has its own derived context
/// (<see cref="SqliteRegistryDbContext"/>, <see cref="PostgresRegistryDbContext"/>) that owns its generated migrations.
/// </summary>
internal abstract class RegistryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TestRun> Runs => Set<TestRun>();

    public DbSet<TestRunMeta> RunMeta => Set<TestRunMeta>();

    public DbSet<TestRunResult> RunResults => Set<TestRunResult>();

    public DbSet<TestRunSubunit> RunSubunits => Set<TestRunSubunit>();

    public DbSet<ComplianceSnapshot> Compliance => Set<ComplianceSnapshot>();

    public DbSet<RegistryUser> Users => Set<RegistryUser>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserPublicKey> PublicKeys => Set<UserPublicKey>();

    public DbSet<Vendor> Vendors => Set<Vendor>();

    public DbSet<VendorAdmin> VendorAdmins => Set<VendorAdmin>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductVersion> ProductVersions => Set<ProductVersion>();

    public DbSet<ProductRegion> ProductRegions => Set<ProductRegion>();

    public DbSet<ResultVerificationEvent> VerificationEvents => Set<ResultVerificationEvent>();

    public DbSet<ProductAttestation> ProductAttestations => Set<ProductAttestation>();

    public DbSet<UploadNonce> UploadNonces => Set<UploadNonce>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TestRun>(e =>
        {
            e.ToTable("test_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Cpid).HasMaxLength(RefStackResults.MaxCpidLength);
            e.Property(x => x.SignedKeyFingerprint).HasMaxLength(64);
            e.Property(x => x.Format).HasMaxLength(16);
            e.Property(x => x.VerifiedGuideline).HasMaxLength(64);
            e.Property(x => x.VerifiedTarget).HasMaxLength(64);

            // Listing is newest first with a keyset on (created_at, id); the public set is unsigned ∪ shared.
            e.HasIndex(x => new { x.CreatedAt, x.Id });
            e.HasIndex(x => x.Cpid);
            e.HasIndex(x => new { x.OwnerId, x.CreatedAt });
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<UserPublicKey>().WithMany().HasForeignKey(x => x.PublicKeyId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.VerifiedById).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(x => x.ProductVersion).WithMany().HasForeignKey(x => x.ProductVersionId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(x => x.Meta).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TestRunMeta>(e =>
        {
            e.ToTable("test_run_meta");
            e.HasKey(x => new { x.RunId, x.Key });
            e.Property(x => x.Key).HasMaxLength(64);
            e.Property(x => x.Value).HasMaxLength(1024);
        });
        modelBuilder.Entity<TestRunResult>(e =>
        {
            e.ToTable("test_run_results");
            e.HasKey(x => new { x.RunId, x.Name });
            e.Property(x => x.Name).HasMaxLength(1024);
            e.Property(x => x.IdempotentId).HasMaxLength(36);
            e.Property(x => x.Status).HasMaxLength(8);
            e.Property(x => x.Category).HasMaxLength(32);
        });
        modelBuilder.Entity<TestRunSubunit>(e =>
        {
            e.ToTable("test_run_subunit");
            e.HasKey(x => x.RunId);
            e.HasOne<TestRun>().WithOne().HasForeignKey<TestRunSubunit>(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ComplianceSnapshot>(e =>
        {
            e.ToTable("compliance");
            e.HasKey(x => new { x.RunId, x.Guideline, x.Target });
            e.Property(x => x.Guideline).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(64);
            e.HasOne<TestRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RegistryUser>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.Property(x => x.UserName).HasMaxLength(128);
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.FullName).HasMaxLength(256);
        });
        modelBuilder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserPublicKey>(e =>
        {
            e.ToTable("public_keys");
            e.HasKey(x => x.Id);
            e.Property(x => x.Format).HasMaxLength(32);
            e.Property(x => x.Md5).HasMaxLength(32);
            e.Property(x => x.Sha256Fingerprint).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(256);
            e.HasIndex(x => x.Md5);
            e.HasIndex(x => x.Sha256Fingerprint).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Vendor>(e =>
        {
            e.ToTable("vendors");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.RegistrationDeclineReason).HasMaxLength(1024);
            e.HasIndex(x => x.Name).IsUnique();
        });
        modelBuilder.Entity<VendorAdmin>(e =>
        {
            e.ToTable("vendor_admins");
            e.HasKey(x => new { x.VendorId, x.UserId });
            e.HasOne<Vendor>().WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Product>(e =>
        {
            e.ToTable("products");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(128);
            e.HasIndex(x => new { x.VendorId, x.Name }).IsUnique();
            e.HasOne(x => x.Vendor).WithMany().HasForeignKey(x => x.VendorId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProductVersion>(e =>
        {
            e.ToTable("product_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).HasMaxLength(64);
            e.Property(x => x.Cpid).HasMaxLength(RefStackResults.MaxCpidLength);
            e.HasIndex(x => new { x.ProductId, x.Version }).IsUnique();
            e.HasIndex(x => x.Cpid);
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProductRegion>(e =>
        {
            e.ToTable("product_regions");
            e.HasKey(x => new { x.ProductId, x.Name });
            e.Property(x => x.Name).HasMaxLength(DeclaredRegions.MaxNameLength);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Runtime).HasMaxLength(DeclaredRegions.MaxNameLength);

            // A primitive collection: JSON text on SQLite, text[] on PostgreSQL. Never queried by element.
            e.Property(x => x.GuestOperatingSystems);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ProductAttestation>(e =>
        {
            e.ToTable("product_attestations");
            e.HasKey(x => new { x.ProductId, x.Guideline });
            e.Property(x => x.Guideline).HasMaxLength(64);
            e.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<ResultVerificationEvent>(e =>
        {
            e.ToTable("result_verification_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Guideline).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(64);
            e.HasIndex(x => new { x.RunId, x.At });
            e.HasOne<TestRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<UploadNonce>(e =>
        {
            e.ToTable("upload_nonces");
            e.HasKey(x => x.Nonce);
            e.Property(x => x.Nonce).HasMaxLength(128);
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.ApplyConfiguration(new Auth.ExternalLoginConfiguration());

        // Governance (scoring matrix, flag proposals, waivers): each feature folder owns its tables.
        var scoring = new Scoring.ScoringConfiguration();
        modelBuilder.ApplyConfiguration<Scoring.ScoringWorksheet>(scoring);
        modelBuilder.ApplyConfiguration<Scoring.ScoringChange>(scoring);
        modelBuilder.ApplyConfiguration(new Flags.FlagProposalConfiguration());
        modelBuilder.ApplyConfiguration(new Waivers.WaiverConfiguration());

        // snake_case columns, so hand-written SQL against PostgreSQL needs no quoting.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
