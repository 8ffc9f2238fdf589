using System.Text.RegularExpressions;

namespace Stackmark.Server.Http;

/// <summary>
/// Collapses runs of <c>/</c> in the request path before routing: refstack-client turns a base URL ending in <c>/</c>
/// into <c>…//v1/results/</c>.
/// </summary>
internal static partial class SlashCollapsing
{
    public static IApplicationBuilder UseSlashCollapsing(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            context.Request.Path = new PathString(Slashes().Replace(path, "/"));
        }

        return next(context);
    });

    [GeneratedRegex("/{2,}")]
    private static partial Regex Slashes();
}
