using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Stackmark.Server.Data;

namespace Stackmark.Server.Flags;

/// <summary>
/// A proposal to flag one test of a guideline (reason D400–D406 and a rationale), and the foundation's decision on it.
/// Approved proposals are the flags file <c>stackmark guidelines draft --flags</c> reads.
/// </summary>
internal sealed class FlagProposal
{
    public Guid Id { get; set; }

    /// <summary>The guideline listing the test (the one a draft starts from), e.g. <c>2019.11</c>.</summary>
    public string Guideline { get; set; } = "";

    /// <summary>The test's name in that guideline (resolved from the name, alias or idempotent id the proposer gave).</summary>
    public string Test { get; set; } = "";

    /// <summary>The test's idempotent id, when the guideline has one.</summary>
    public string? IdempotentId { get; set; }

    /// <summary>The capabilities listing the test, comma-separated (for reading; the draft finds them itself).</summary>
    public string Capabilities { get; set; } = "";

    /// <summary>D400–D406.</summary>
    public string ReasonCode { get; set; } = "";

    public string Rationale { get; set; } = "";

    /// <summary><c>proposed</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public string Status { get; set; } = FlagStatus.Proposed;

    public Guid? ProposedById { get; set; }

    public string ProposedByName { get; set; } = "";

    public DateTime ProposedAt { get; set; }

    public Guid? DecidedById { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The foundation's note with the decision (required when rejecting).</summary>
    public string? DecisionNote { get; set; }
}

/// <summary>The states of a <see cref="FlagProposal"/>.</summary>
internal static class FlagStatus
{
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>The <c>flag_proposals</c> table (applied by <c>RegistryDbContext</c>).</summary>
internal sealed class FlagProposalConfiguration : IEntityTypeConfiguration<FlagProposal>
{
    public void Configure(EntityTypeBuilder<FlagProposal> builder)
    {
        builder.ToTable("flag_proposals");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Guideline).HasMaxLength(64);
        builder.Property(x => x.Test).HasMaxLength(1024);
        builder.Property(x => x.IdempotentId).HasMaxLength(36);
        builder.Property(x => x.Capabilities).HasMaxLength(1024);
        builder.Property(x => x.ReasonCode).HasMaxLength(8);
        builder.Property(x => x.Rationale).HasMaxLength(FlagsApi.MaxTextLength);
        builder.Property(x => x.Status).HasMaxLength(16);
        builder.Property(x => x.ProposedByName).HasMaxLength(128);
        builder.Property(x => x.DecidedByName).HasMaxLength(128);
        builder.Property(x => x.DecisionNote).HasMaxLength(FlagsApi.MaxTextLength);
        builder.HasIndex(x => new { x.Guideline, x.Status });
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.ProposedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(x => x.DecidedById).OnDelete(DeleteBehavior.SetNull);
    }
}
