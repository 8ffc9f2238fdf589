using System.Xml.Linq;
using Stackmark.Tests.Support;

namespace Stackmark.Tests;

/// <summary>The domain stays pure: no packages, no I/O assemblies.</summary>
public sealed class DomainPurityTests
{
    [Fact]
    public void The_domain_project_has_no_package_or_project_references()
    {
        var csproj = XDocument.Load(Path.Combine(InteropData.RepoRoot, "src", "Stackmark.Domain", "Stackmark.Domain.csproj"));
        Assert.Empty(csproj.Descendants("PackageReference"));
        Assert.Empty(csproj.Descendants("ProjectReference"));
    }

    [Fact]
    public void The_domain_assembly_references_no_networking_or_console_assembly()
    {
        var refs = typeof(Guideline).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(refs, r => r.StartsWith("System.Net", StringComparison.Ordinal) || r == "System.Console");
    }
}
