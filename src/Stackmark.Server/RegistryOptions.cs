namespace Stackmark.Server;

/// <summary>How <c>stackmark serve</c> runs the registry: where it listens, where guidelines and data live, and who may upload.</summary>
/// <remarks>A plain settings bag; <see cref="RegistryHost.Build"/> reads it once. Not thread-safe to mutate after that.</remarks>
public sealed class RegistryOptions
{
    /// <summary>The file the embedded database lives in when <see cref="Database"/> is null (in the working directory).</summary>
    public const string DefaultSqliteFile = "stackmark-registry.db";

    /// <summary>Where to listen, semicolon-separated (default <c>http://127.0.0.1:8000</c>; loopback only unless asked).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8000";

    /// <summary>
    /// A guideline directory laid out like openstack/interop, or an http(s) URL of one; null (the default) for the user
    /// cache (<c>stackmark guidelines update</c>) where it holds a guideline, else the copy built into Stackmark.
    /// </summary>
    public string? GuidelineSource { get; set; }

    /// <summary>
    /// The database: null for the SQLite file <see cref="DefaultSqliteFile"/> in the working directory; a string starting
    /// with <c>Host=</c> or <c>postgres</c> (a <c>postgres://user:pass@host:port/db</c> URL or a key/value string) for
    /// PostgreSQL; any other <c>key=value</c> string is a SQLite connection string, and anything else a SQLite file path.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>Whether unsigned uploads are accepted (RefStack's <c>enable_anonymous_upload</c>; off by default in Stackmark).</summary>
    public bool AllowAnonymousUploads { get; set; }

    /// <summary>The largest upload body accepted, in bytes (default 8 MiB; a 1,500-test run is about 200 KiB).</summary>
    public long MaxUploadBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The public base URL used in links (the <c>url</c> of an upload); null to use the request's own scheme and host.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>A foundation admin created at start-up when <see cref="BootstrapAdminPassword"/> is set (default <c>admin</c>).</summary>
    public string BootstrapAdminUser { get; set; } = "admin";

    /// <summary>The bootstrap admin's password; null creates no admin. An existing account's password is left alone.</summary>
    public string? BootstrapAdminPassword { get; set; }

    /// <summary>How long an API token issued by <c>POST /v1/auth/tokens</c> lives (default 30 days).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Which guidelines are in force (<see cref="GuidelinesInForce.Judge"/>): a result against another is not verified,
    /// and a verified result counts in a product's programs only if its guideline was in force on the day it was
    /// verified. Null: the configuration key <c>Registry:InForcePolicy</c> (<c>status</c> or <c>recent:N</c>; e.g.
    /// the environment variable <c>Registry__InForcePolicy=recent:2</c>), else <see cref="Stackmark.InForcePolicy.Status"/>.
    /// </summary>
    public InForcePolicy? InForcePolicy { get; set; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// What each program asks of a verified result's product regions (<see cref="Stackmark.Regions.RegionRules"/>):
    /// by default Powered Compute and Platform need a hypervisor region with Linux guests.
    /// </summary>
    public Stackmark.Regions.RegionRules RegionRules { get; set; } = Stackmark.Regions.RegionRules.Default;
}
