using System.Text;

namespace Stackmark.OpenStack;

/// <summary>An ordered INI document in the dialect oslo.config reads (tempest.conf).</summary>
/// <remarks>
/// <para>Sections and keys keep insertion order; <see cref="Sorted"/> gives the canonical order (DEFAULT first, then
/// sections and keys by ordinal name) that Stackmark writes, so equal content writes byte-identical files.</para>
/// <para>oslo.config expands <c>$name</c> in values, so <see cref="Write"/> escapes <c>$</c> as <c>$$</c> and
/// <see cref="Parse"/> undoes it (https://docs.openstack.org/oslo.config/latest/reference/format.html#variable-substitution).
/// Values cannot hold line breaks (<see cref="ArgumentException"/>). Not thread-safe for writes.</para>
/// </remarks>
public sealed class IniDocument
{
    /// <summary>The value written in place of secrets by <see cref="Redacted"/>.</summary>
    public const string RedactedValue = "<redacted>";

    private readonly List<(string Name, List<KeyValuePair<string, string>> Entries)> _sections = [];

    /// <summary>Section names in document order.</summary>
    public IReadOnlyList<string> Sections => [.. _sections.Select(s => s.Name)];

    /// <summary>The value of <paramref name="section"/>.<paramref name="key"/>, or null.</summary>
    public string? Get(string section, string key)
    {
        var entries = Find(section);
        var index = entries is null ? -1 : entries.FindIndex(e => e.Key == key);
        return index < 0 ? null : entries![index].Value;
    }

    /// <summary>The entries of a section in order (empty if absent).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries(string section) => Find(section) ?? [];

    /// <summary>Sets a value, keeping the key's position if it exists, else appending it (and its section).</summary>
    public IniDocument Set(string section, string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || section.Contains(']', StringComparison.Ordinal) || key.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{section}.{key}' cannot be written to an INI file (line break, ']' or '=').");
        }

        var entries = Find(section);
        if (entries is null)
        {
            entries = [];
            _sections.Add((section, entries));
        }

        var index = entries.FindIndex(e => e.Key == key);
        if (index < 0)
        {
            entries.Add(new(key, value));
        }
        else
        {
            entries[index] = new(key, value);
        }

        return this;
    }

    /// <summary>Removes a key; true if it existed. Empty sections are dropped.</summary>
    public bool Remove(string section, string key)
    {
        var entries = Find(section);
        if (entries is null || entries.RemoveAll(e => e.Key == key) == 0)
        {
            return false;
        }

        if (entries.Count == 0)
        {
            _sections.RemoveAll(s => s.Name == section);
        }

        return true;
    }

    /// <summary>A copy in canonical order: DEFAULT first, then sections and keys by ordinal name.</summary>
    public IniDocument Sorted()
    {
        var copy = new IniDocument();
        foreach (var (name, entries) in _sections.OrderBy(s => s.Name == "DEFAULT" ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                copy.Set(name, entry.Key, entry.Value);
            }
        }

        return copy;
    }

    /// <summary>A copy where every key naming a secret (password, secret, token) holds <see cref="RedactedValue"/>.</summary>
    public IniDocument Redacted()
    {
        var copy = new IniDocument();
        foreach (var (name, entries) in _sections)
        {
            foreach (var entry in entries)
            {
                copy.Set(name, entry.Key, IsSecretKey(entry.Key) && entry.Value.Length > 0 ? RedactedValue : entry.Value);
            }
        }

        return copy;
    }

    /// <summary>Whether a key name denotes a secret.</summary>
    public static bool IsSecretKey(string key) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase)
        || key.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || key.Contains("token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the document (LF line endings, <c>key = value</c>, a blank line between sections).</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var first = true;
        foreach (var (name, entries) in _sections)
        {
            if (!first)
            {
                writer.Write('\n');
            }

            first = false;
            writer.Write($"[{name}]\n");
            foreach (var entry in entries)
            {
                writer.Write(entry.Value.Length == 0 ? $"{entry.Key} =\n" : $"{entry.Key} = {entry.Value.Replace("$", "$$", StringComparison.Ordinal)}\n");
            }
        }
    }

    /// <summary>The document as text (see <see cref="Write"/>).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder))
        {
            Write(writer);
        }

        return builder.ToString();
    }

    /// <summary>Writes the document to a file, UTF-8 without BOM; mode 0600 on Unix since it holds passwords.</summary>
    public void WriteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SecretFile.WriteAllText(path, ToString());
    }

    /// <summary>Parses INI text: <c>#</c>/<c>;</c> comments, <c>key = value</c> or <c>key: value</c>; later duplicates win.</summary>
    /// <exception cref="FormatException">A key appears before any section, or a line is not understood.</exception>
    public static IniDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var doc = new IniDocument();
        string? section = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            if (separator <= 0)
            {
                throw new FormatException($"line {lineNumber}: expected 'key = value', got '{line}'.");
            }

            if (section is null)
            {
                throw new FormatException($"line {lineNumber}: key outside of any section.");
            }

            doc.Set(section, line[..separator].Trim(), line[(separator + 1)..].Trim().Replace("$$", "$", StringComparison.Ordinal));
        }

        return doc;
    }

    private List<KeyValuePair<string, string>>? Find(string section) =>
        _sections.FirstOrDefault(s => s.Name == section).Entries;
}
