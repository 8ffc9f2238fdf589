using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stackmark.Server.Data;

namespace Stackmark.Server.Scoring;

/// <summary>
/// A scoring worksheet (the committee's <c>scoring/*.txt</c>) kept in the registry for one guideline, e.g. <c>next</c>
/// or <c>dns.next</c>: its text, exactly as imported or as <c>WorksheetWriter</c> last wrote it after an edit.
/// </summary>
/// <remarks>
/// The text is the record, not a parsed copy: exporting parses it and writes it back, which gives the same bytes for
/// every official worksheet, so a worksheet nobody edited round-trips byte for byte.
/// </remarks>
internal sealed class ScoringWorksheet
{
    public Guid Id { get; set; }

    /// <summary>The guideline the worksheet scores, as <c>GuidelineId.ToString()</c> writes it (unique).</summary>
    public string Guideline { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>1 when imported, +1 per change: the optimistic concurrency token, so two admins cannot overwrite each other.</summary>
    public int Revision { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One change to a stored worksheet: an import, or one capability line edited.</summary>
internal sealed class ScoringChange
{
    public Guid Id { get; set; }

    public Guid WorksheetId { get; set; }

    /// <summary>The worksheet revision this change produced.</summary>
    public int Revision { get; set; }

    /// <summary><c>import</c> (the first text), <c>replace</c> (a later import) or <c>edit</c> (one line's marks).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The capability edited (edits only).</summary>
    public string? Capability { get; set; }

    /// <summary>The 1-based line number of the edited line.</summary>
    public int? LineNumber { get; set; }

    /// <summary>The line before the edit, as written in the worksheet.</summary>
    public string? OldLine { get; set; }

    /// <summary>The line after the edit.</summary>
    public string? NewLine { get; set; }

    public string? Comment { get; set; }

    /// <summary>Who made the change; null once the account is deleted (<see cref="ByName"/> stays).</summary>
    public Guid? ById { get; set; }

    /// <summary>The user name at the time of the change, so history survives a deleted account.</summary>
    public string ByName { get; set; } = "";

    public DateTime At { get; set; }

    /// <summary>The whole worksheet after the change, so any revision can be exported again.</summary>
    public string Text { get; set; } = "";
}

/// <summary>The <c>scoring_worksheets</c> and <c>scoring_changes</c> tables (applied by <c>RegistryDbContext</c>).</summary>
internal sealed class ScoringConfiguration : IEntityTypeConfiguration<ScoringWorksheet>, IEntityTypeConfiguration<ScoringChange>
{
    public void Configure(EntityTypeBuilder<ScoringWorksheet> builder)
    {
        builder.ToTable("scoring_worksheets");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Guideline).HasMaxLength(64);
        builder.HasIndex(x => x.Guideline).IsUnique();
        builder.Property(x => x.Revision).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ScoringChange> builder)
    {
        builder.ToTable("scoring_changes");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasMaxLength(16);
        builder.Property(x => x.Capability).HasMaxLength(ScoringApi.MaxCapabilityLength);
        builder.Property(x => x.OldLine).HasMaxLength(1024);
        builder.Property(x => x.NewLine).HasMaxLength(1024);
        builder.Property(x => x.Comment).HasMaxLength(ScoringApi.MaxCommentLength);
        builder.Property(x => x.ByName).HasMaxLength(128);
        builder.HasIndex(x => new { x.WorksheetId, x.Revision }).IsUnique();
        builder.HasOne<ScoringWorksheet>().WithMany().HasForeignKey(x => x.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
    }
}
