using System.Reflection;
using System.Runtime.Loader;

namespace Stackmark.Server.Tests.Support;

/// <summary>
/// The <c>stackmark</c> command in-process: the CLI assembly built beside this repository's src/Stackmark.Cli, loaded in
/// its own load context since this project does not reference it, run through <c>CommunityCommand.RunAsync</c> (which
/// takes any command line, as <c>stackmark</c> does).
/// </summary>
internal static class StackmarkCli
{
    public delegate Task<(int Code, string Out, string Err)> Runner(string[] args);

    /// <summary>A runner, or a skip (a failure under CI=true) when the CLI is not built.</summary>
    public static Runner Load()
    {
        var dll = AssemblyPath();
        if (!File.Exists(dll))
        {
            Tool.SkipOrFail($"{dll} is not built (dotnet build src/Stackmark.Cli)");
        }

        var resolver = new AssemblyDependencyResolver(dll);
        var context = new AssemblyLoadContext("stackmark-cli");
        context.Resolving += (ctx, name) => resolver.ResolveAssemblyToPath(name) is { } path ? ctx.LoadFromAssemblyPath(path) : null;
        var method = context.LoadFromAssemblyPath(dll).GetType("Stackmark.Cli.Commands.CommunityCommand", throwOnError: true)!
            .GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        return async args =>
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await (Task<int>)method.Invoke(null, [args, output, error, CancellationToken.None])!;
            return (code, output.ToString(), error.ToString());
        };
    }

    private static string AssemblyPath()
    {
        // …/tests/Stackmark.Server.Tests/bin/CONFIG/TFM/ → …/src/Stackmark.Cli/bin/CONFIG/TFM/stackmark.dll
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, config) = (bin.Name, bin.Parent!.Name);
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Stackmark.slnx")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? "/", "src", "Stackmark.Cli", "bin", config, tfm, "stackmark.dll");
    }
}
