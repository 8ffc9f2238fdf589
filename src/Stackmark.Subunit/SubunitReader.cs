using System.Buffers;
using System.Runtime.CompilerServices;

namespace Stackmark.Subunit;

/// <summary>Reads <see cref="SubunitEvent"/>s from a subunit v2 byte stream as they arrive.</summary>
/// <remarks>
/// <para>
/// Packets are framed asynchronously (signature, flags, length, then the whole packet) into a pooled buffer and
/// decoded synchronously over a span, following python-subunit's <c>ByteStreamToStreamResult</c>
/// (https://github.com/testing-cabal/subunit/blob/main/python/subunit/v2.py).
/// </para>
/// <para>
/// Corruption is an event, not an exception. A bad CRC, a torn or truncated packet or an invalid field yields the two
/// events python-subunit emits: test id <see cref="SubunitEvent.ParserTestId"/> with the raw bytes as
/// <see cref="SubunitEvent.PacketDataFileName"/>, then status fail with the message as
/// <see cref="SubunitEvent.ParserErrorFileName"/>. The message names the byte offset; <see cref="LastParseError"/>
/// has it too. Reading resumes after the bad packet's declared length (or at the end of the stream when truncated),
/// so every packet before the corruption is kept.
/// Bytes outside packets (stray runner output) become attachment events with no test id and file name
/// <see cref="SubunitEvent.StdoutFileName"/>, as the subunit filters emit; a 0xB3 byte inside a UTF-8 character does
/// not start a packet.
/// </para>
/// <para>
/// Otherwise strict, like v2.py: strings must be UTF-8 without NUL, no field may run past the packet, the length is
/// at most three varint bytes (under 4 MiB), and (stricter than v2.py) the version nibble must be 2.
/// On any bytes the reader only throws <see cref="OperationCanceledException"/>; exceptions of the underlying stream
/// propagate. Not thread-safe.
/// </para>
/// </remarks>
public sealed partial class SubunitReader : IAsyncDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Utf8StringCache _strings = new();
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;
    private int _utf8Pending;
    private SubunitEvent? _queued;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream, positioned at the first byte to parse (offset 0 in messages).</param>
    /// <param name="leaveOpen">Whether <see cref="DisposeAsync"/> leaves <paramref name="stream"/> open.</param>
    public SubunitReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The number of bytes consumed so far.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>How many parser failures have been reported so far.</summary>
    public int ParseErrorCount { get; private set; }

    /// <summary>The most recent parser failure, or null if there was none.</summary>
    public SubunitParseError? LastParseError { get; private set; }

    /// <summary>Reads every event of <paramref name="stream"/> until its end.</summary>
    /// <param name="stream">The stream to read; left open.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The events, in stream order.</returns>
    public static async IAsyncEnumerable<SubunitEvent> ReadAllAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new SubunitReader(stream, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } next)
            {
                yield return next;
            }
        }
    }

    /// <summary>Reads the next event.</summary>
    /// <param name="cancellationToken">Cancels waiting for bytes.</param>
    /// <returns>The next event, or null at the end of the stream.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ValueTask<SubunitEvent?> ReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_queued is { } queued)
        {
            _queued = null;
            return new(queued);
        }

        // Fast path: the next event is already buffered, so no state machine is needed.
        if (_start < _end)
        {
            if (_buffer[_start] != SubunitFlags.Signature || _utf8Pending != 0)
            {
                return new(ReadText());
            }

            var available = _end - _start;
            if (available >= 4)
            {
                var lengthSize = VarintSizeFromFirstByte(_buffer[_start + 3]);
                if (lengthSize < 4 && available >= 3 + lengthSize)
                {
                    var length = ReadLength(_buffer.AsSpan(_start + 3, lengthSize));
                    if (length >= MinimumLength(lengthSize) && available >= length)
                    {
                        return new(DecodePacket(length, lengthSize));
                    }
                }
            }
        }

        return ReadSlowAsync(cancellationToken);

        async ValueTask<SubunitEvent?> ReadSlowAsync(CancellationToken cancellationToken)
        {
            if (!await EnsureAsync(1, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (_buffer[_start] != SubunitFlags.Signature || _utf8Pending != 0)
            {
                return ReadText();
            }

            var packetOffset = Position;
            if (!await EnsureAsync(4, cancellationToken).ConfigureAwait(false))
            {
                return Truncated(packetOffset, wanted: null);
            }

            var lengthSize = VarintSizeFromFirstByte(_buffer[_start + 3]);
            if (lengthSize == 4)
            {
                await EnsureAsync(7, cancellationToken).ConfigureAwait(false);
                return Fail(
                    Math.Min(7, _end - _start),
                    packetOffset + 3,
                    $"Packet length at byte offset {packetOffset + 3} is a 4-byte number; subunit allows at most 3 bytes");
            }

            if (!await EnsureAsync(3 + lengthSize, cancellationToken).ConfigureAwait(false))
            {
                return Truncated(packetOffset, wanted: null);
            }

            var length = ReadLength(_buffer.AsSpan(_start + 3, lengthSize));
            if (length < MinimumLength(lengthSize))
            {
                return Fail(
                    3 + lengthSize,
                    packetOffset + 3,
                    $"Packet length {length} at byte offset {packetOffset + 3} is shorter than the packet's own header and CRC ({MinimumLength(lengthSize)} bytes)");
            }

            if (!await EnsureAsync(length, cancellationToken).ConfigureAwait(false))
            {
                return Truncated(packetOffset, wanted: length);
            }

            return DecodePacket(length, lengthSize);
        }
    }

    /// <summary>Reads every remaining event.</summary>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The events, in stream order.</returns>
    public async IAsyncEnumerable<SubunitEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } next)
        {
            yield return next;
        }
    }

    /// <summary>Returns the buffer to the pool and disposes the stream unless created with <c>leaveOpen</c>.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from <c>_start</c>, reading as needed.</summary>
    /// <returns>False when the stream ended first; whatever arrived stays buffered.</returns>
    private async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start == _end)
        {
            _bufferOffset += _start;
            _start = _end = 0;
        }

        if (count > _buffer.Length - _start)
        {
            var target = _buffer;
            if (count > _buffer.Length)
            {
                target = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            }

            _buffer.AsSpan(_start, _end - _start).CopyTo(target);
            if (!ReferenceEquals(target, _buffer))
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = target;
            }

            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
        {
            if (_endOfStream)
            {
                return false;
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _endOfStream = true;
                return false;
            }

            _end += read;
        }

        return true;
    }

    /// <summary>Emits the buffered non-packet bytes up to the next packet signature as one attachment event.</summary>
    private SubunitEvent ReadText()
    {
        var span = _buffer.AsSpan(_start, _end - _start);
        var pending = _utf8Pending;
        var length = 0;
        for (; length < span.Length; length++)
        {
            var b = span[length];
            if (pending == 0 && b == SubunitFlags.Signature && length > 0)
            {
                break;
            }

            pending = NextUtf8State(pending, b);
        }

        _utf8Pending = pending;
        var bytes = span[..length].ToArray();
        _start += length;
        return new SubunitEvent { FileName = SubunitEvent.StdoutFileName, FileBytes = bytes };
    }

    /// <summary>How many continuation bytes the UTF-8 character in progress still needs after <paramref name="b"/>.</summary>
    /// <remarks>
    /// v2.py feeds stray bytes through an incremental UTF-8 decoder so that a 0xB3 continuation byte (as in "³",
    /// C2 B3) is text, not a packet signature. Invalid sequences simply restart the count.
    /// </remarks>
    private static int NextUtf8State(int pending, byte b)
    {
        if (pending > 0 && (b & 0xC0) == 0x80)
        {
            return pending - 1;
        }

        return b switch
        {
            >= 0xC2 and <= 0xDF => 1,
            >= 0xE0 and <= 0xEF => 2,
            >= 0xF0 and <= 0xF4 => 3,
            _ => 0,
        };
    }

    private SubunitEvent Truncated(long packetOffset, int? wanted)
    {
        var available = _end - _start;
        var endOffset = packetOffset + available;
        var message = wanted is { } length
            ? $"Truncated packet at byte offset {packetOffset}: it declares {length} bytes but the stream ends after {available}, at byte offset {endOffset}"
            : $"Truncated packet at byte offset {packetOffset}: the stream ends inside its header, at byte offset {endOffset}";
        return Fail(available, endOffset, message);
    }

    /// <summary>Consumes <paramref name="consumed"/> bytes and returns the first of python-subunit's two failure events.</summary>
    private SubunitEvent Fail(int consumed, long offset, string message)
    {
        var packetOffset = Position;
        var raw = _buffer.AsSpan(_start, consumed).ToArray();
        _start += consumed;
        ParseErrorCount++;
        LastParseError = new SubunitParseError(packetOffset, offset, message);
        _queued = new SubunitEvent
        {
            TestId = SubunitEvent.ParserTestId,
            Status = SubunitStatus.Fail,
            Eof = true,
            FileName = SubunitEvent.ParserErrorFileName,
            FileBytes = System.Text.Encoding.UTF8.GetBytes(message),
            MimeType = "text/plain;charset=utf8",
        };
        return new SubunitEvent
        {
            TestId = SubunitEvent.ParserTestId,
            Eof = true,
            FileName = SubunitEvent.PacketDataFileName,
            FileBytes = raw,
            MimeType = "application/octet-stream",
        };
    }
}
