namespace Stackmark.Guidelines;

/// <summary>
/// Fills the user cache from a source: every guideline the source lists is read, loaded and validated, and only then
/// written (atomically); a file that fails never enters the cache, and the copy already there stays.
/// </summary>
public static class GuidelineUpdater
{
    /// <summary>Updates <paramref name="cache"/> from <paramref name="source"/>.</summary>
    /// <exception cref="GuidelineSourceException">The source cannot be listed, or the cache cannot be written.</exception>
    public static async Task<GuidelineUpdate> UpdateAsync(IGuidelineSource source, GuidelineCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cache);
        var entries = new List<GuidelineUpdateEntry>();
        foreach (var id in await source.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            GuidelineFile? file;
            try
            {
                file = await source.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            }
            catch (GuidelineSourceException e)
            {
                // One unreadable file does not stop the others.
                entries.Add(new(id, GuidelineUpdateOutcome.Rejected, source.Description, e.Message));
                continue;
            }

            if (file is null)
            {
                entries.Add(new(id, GuidelineUpdateOutcome.Rejected, source.Description, $"{source.Description} lists {id} but does not serve it"));
                continue;
            }

            if (Check(file) is { } reason)
            {
                entries.Add(new(id, GuidelineUpdateOutcome.Rejected, file.Name, reason));
                continue;
            }

            var old = await cache.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (old is not null && old.Content.Span.SequenceEqual(file.Content.Span))
            {
                entries.Add(new(id, GuidelineUpdateOutcome.Unchanged, file.Name));
                continue;
            }

            await cache.WriteAsync(id, file.Content, cancellationToken).ConfigureAwait(false);
            entries.Add(new(id, old is null ? GuidelineUpdateOutcome.Added : GuidelineUpdateOutcome.Changed, file.Name));
        }

        return new(source.Description, cache.Directory, entries);
    }

    // The loader's error, else the validator's first error (structure and consistency, as `guidelines validate`); null when fine.
    private static string? Check(GuidelineFile file)
    {
        var loaded = GuidelineLoader.Load(file.Content.Span, file.Name, file.Id);
        if (loaded.Value is not { } guideline)
        {
            return loaded.Error!.ToString();
        }

        var errors = GuidelineValidator.Validate(guideline, file.Name).Where(f => f.Severity == Severity.Error).ToList();
        return errors.Count == 0 ? null
            : $"{errors[0].Location}: {errors[0].Message}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more errors)" : "");
    }
}
