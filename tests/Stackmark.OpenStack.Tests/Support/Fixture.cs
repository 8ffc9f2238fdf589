namespace Stackmark.OpenStack.Tests.Support;

internal static class Fixture
{
    public static string Read(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));
}
