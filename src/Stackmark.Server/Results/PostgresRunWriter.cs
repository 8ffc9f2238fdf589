using Npgsql;
using Stackmark.Server.Data;

namespace Stackmark.Server.Results;

/// <summary>
/// Stores a new run on PostgreSQL in one round trip: the nonce, the run row, its metadata, its subunit stream and all
/// its test rows go as one batch, which PostgreSQL runs as one implicit transaction committed before it answers.
/// </summary>
/// <remarks>
/// The rows are what EF would write for the same entities (SQLite keeps EF's SaveChanges); the test rows travel as
/// column arrays unnested on the server, so a 300-test upload is one statement. Change tracking, a COPY's two round
/// trips and separate BEGIN/COMMIT round trips are what this saves on the upload path.
/// </remarks>
internal static class PostgresRunWriter
{
    // The product version link is RefStack's rule, as ResultsApi.ProductVersionForAsync applies it on SQLite: a signed
    // upload ($6 the owner) is linked when exactly one product version has its cpid and the owner is a foundation admin
    // or an admin of that product's vendor. Evaluated here, it costs no round trip of its own.
    private const string InsertRun = """
        INSERT INTO test_runs (id, created_at, cpid, duration_seconds, verification_status, owner_id, public_key_id,
            signed_key_fingerprint, shared, product_version_id, format, signature_version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
            CASE WHEN $6::uuid IS NULL THEN NULL ELSE (
                SELECT v.id FROM product_versions v JOIN products p ON p.id = v.product_id
                WHERE v.cpid = $3
                  AND (SELECT count(*) FROM (SELECT 1 FROM product_versions w WHERE w.cpid = $3 LIMIT 2) AS two) = 1
                  AND (EXISTS (SELECT 1 FROM users u WHERE u.id = $6::uuid AND u.is_foundation_admin)
                    OR EXISTS (SELECT 1 FROM vendor_admins a WHERE a.user_id = $6::uuid AND a.vendor_id = p.vendor_id)))
            END,
            $10, $11)
        """;

    private const string InsertResults = """
        INSERT INTO test_run_results (run_id, name, idempotent_id, status, reason, duration_seconds, category)
        SELECT $1, r.name, r.idempotent_id, r.status, r.reason, r.duration_seconds, r.category
        FROM unnest($2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::float8[], $7::varchar[]) AS r(name, idempotent_id, status, reason, duration_seconds, category)
        """;

    /// <summary>
    /// Inserts everything or nothing, linking the run's product version by its cpid (<see cref="TestRun.ProductVersionId"/>
    /// is not read); a nonce already used fails with a unique violation (23505).
    /// </summary>
    public static async Task InsertAsync(
        NpgsqlConnection connection, TestRun run, IReadOnlyList<TestRunResult> results, TestRunSubunit? subunit, UploadNonce? nonce, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (nonce is not null)
        {
            batch.BatchCommands.Add(Command("INSERT INTO upload_nonces (nonce, expires_at) VALUES ($1, $2)", nonce.Nonce, nonce.ExpiresAt));
        }

        batch.BatchCommands.Add(Command(
            InsertRun, run.Id, run.CreatedAt, run.Cpid, run.DurationSeconds, run.VerificationStatus, run.OwnerId, run.PublicKeyId,
            run.SignedKeyFingerprint, run.Shared, run.Format, run.SignatureVersion));
        foreach (var m in run.Meta)
        {
            batch.BatchCommands.Add(Command("INSERT INTO test_run_meta (run_id, key, value) VALUES ($1, $2, $3)", run.Id, m.Key, m.Value));
        }

        if (subunit is not null)
        {
            batch.BatchCommands.Add(Command("INSERT INTO test_run_subunit (run_id, content) VALUES ($1, $2)", run.Id, subunit.Content));
        }

        if (results.Count > 0)
        {
            var names = new string[results.Count];
            var ids = new string?[results.Count];
            var statuses = new string[results.Count];
            var reasons = new string?[results.Count];
            var durations = new double?[results.Count];
            var categories = new string?[results.Count];
            for (var i = 0; i < results.Count; i++)
            {
                var r = results[i];
                (names[i], ids[i], statuses[i], reasons[i], durations[i], categories[i]) = (r.Name, r.IdempotentId, r.Status, r.Reason, r.DurationSeconds, r.Category);
            }

            batch.BatchCommands.Add(Command(InsertResults, run.Id, names, ids, statuses, reasons, durations, categories));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            // An untyped null takes its type from the column it goes into.
            command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        }

        return command;
    }
}
