using System.Buffers;
using System.Text;

namespace Stackmark.Subunit;

/// <summary>A file attached to a test (such as <c>traceback</c> or <c>reason</c>), joined from its packets.</summary>
/// <remarks>
/// testtools splits large attachments into several packets with the same file name; they are concatenated here.
/// Built by <see cref="SubunitTestResults"/>; reading is thread-safe once the fold is done.
/// </remarks>
public sealed class SubunitAttachment
{
    private readonly ArrayBufferWriter<byte> _content = new();

    internal SubunitAttachment(string name, string? mimeType)
    {
        Name = name;
        MimeType = mimeType;
    }

    /// <summary>The file name.</summary>
    public string Name { get; }

    /// <summary>The MIME type of the first chunk that had one, or null.</summary>
    public string? MimeType { get; private set; }

    /// <summary>Whether a chunk marked end-of-file was seen.</summary>
    public bool Complete { get; private set; }

    /// <summary>The content so far.</summary>
    public ReadOnlyMemory<byte> Content => _content.WrittenMemory;

    /// <summary>The content decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    public string Text => Encoding.UTF8.GetString(_content.WrittenSpan);

    internal void Append(SubunitEvent chunk)
    {
        _content.Write(chunk.FileBytes.Span);
        MimeType ??= chunk.MimeType;
        Complete |= chunk.Eof;
    }
}
