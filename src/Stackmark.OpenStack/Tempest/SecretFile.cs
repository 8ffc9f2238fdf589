using System.Text;

namespace Stackmark.OpenStack;

/// <summary>Writes files that hold credentials: owner-only permissions on Unix, created before content is written.</summary>
internal static class SecretFile
{
    public static void WriteAllText(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }
}
