using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stackmark.Server.Data;
using Stackmark.Server.Http;

namespace Stackmark.Server.Auth;

/// <summary>
/// A registry user's identity at an OpenID Connect provider: the pair (issuer, subject) is the link, never a user name
/// or an e-mail address, so an account at the provider cannot take over a local account that happens to share its name.
/// </summary>
internal sealed class ExternalLogin
{
    /// <summary>The provider's issuer (<c>iss</c>), as its tokens state it.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The provider's stable id of the person (<c>sub</c>).</summary>
    public string Subject { get; set; } = "";

    public Guid UserId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>The <c>user_logins</c> table (applied by <c>RegistryDbContext</c>).</summary>
internal sealed class ExternalLoginConfiguration : IEntityTypeConfiguration<ExternalLogin>
{
    public void Configure(EntityTypeBuilder<ExternalLogin> builder)
    {
        builder.ToTable("user_logins");
        builder.HasKey(x => new { x.Issuer, x.Subject });
        builder.Property(x => x.Issuer).HasMaxLength(ExternalLogins.MaxLength);
        builder.Property(x => x.Subject).HasMaxLength(ExternalLogins.MaxLength);
        builder.HasIndex(x => x.UserId);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Maps a provider's (issuer, subject) to a registry user, creating the user on the first sign-in.</summary>
internal static class ExternalLogins
{
    public const int MaxLength = 256;

    /// <summary>
    /// The user linked to (<paramref name="issuer"/>, <paramref name="subject"/>), or a new one: named after the
    /// provider's preferred user name when that name is free (else with a numeric suffix, else <c>oidc-…</c>), without a
    /// password and without foundation rights.
    /// </summary>
    public static async Task<RegistryUser?> FindOrCreateUserAsync(
        RegistryDbContext db, string issuer, string subject, string? preferredName, string? email, string? fullName, TimeProvider clock, CancellationToken ct)
    {
        if (issuer.Length is 0 or > MaxLength || subject.Length is 0 or > MaxLength)
        {
            return null;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var linked = await db.Set<ExternalLogin>().AsNoTracking()
                .Where(l => l.Issuer == issuer && l.Subject == subject)
                .Select(l => l.UserId)
                .ToListAsync(ct);
            if (linked.Count > 0)
            {
                var id = linked[0];
                return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            }

            var now = Timestamps.Now(clock);
            var user = new RegistryUser
            {
                Id = Guid.CreateVersion7(),
                UserName = await FreeNameAsync(db, preferredName, issuer, subject, ct),
                Email = Clean(email),
                FullName = Clean(fullName),
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.Set<ExternalLogin>().Add(new ExternalLogin { Issuer = issuer, Subject = subject, UserId = user.Id, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
                return user;
            }
            catch (DbUpdateException)
            {
                // A concurrent first sign-in of the same person (or a name taken meanwhile): look again.
                db.ChangeTracker.Clear();
            }
        }

        return null;
    }

    private static async Task<string> FreeNameAsync(RegistryDbContext db, string? preferred, string issuer, string subject, CancellationToken ct)
    {
        var stable = "oidc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject)))[..12];
        var name = new string((preferred ?? "").Trim().Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@').ToArray());
        if (name.Length is 0 or > 100)
        {
            return stable;
        }

        for (var i = 1; i <= 20; i++)
        {
            var candidate = i == 1 ? name : $"{name}-{i}";
            if (!await db.Users.AnyAsync(u => u.UserName == candidate, ct))
            {
                return candidate;
            }
        }

        return stable;
    }

    private static string? Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > 256 || !RequestBody.IsStorable(text) ? null : text.Trim();
}
