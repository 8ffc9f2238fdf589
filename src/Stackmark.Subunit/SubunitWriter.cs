using System.Buffers;

namespace Stackmark.Subunit;

/// <summary>Writes <see cref="SubunitEvent"/>s to a stream as subunit v2 packets, byte for byte as python-subunit.</summary>
/// <remarks>
/// <para>
/// Each event becomes one packet, written with a single <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>
/// call; field order, varint sizes and the big-endian zlib CRC-32 follow
/// https://github.com/testing-cabal/subunit/blob/main/python/subunit/v2.py (<c>StreamResultToBytes</c>).
/// Unlike python-subunit, the writer does not flush after each packet: call <see cref="FlushAsync"/>.
/// </para>
/// <para>
/// <see cref="WriteAsync"/> throws <see cref="ArgumentException"/> for events the wire cannot carry: NUL or lone
/// surrogates in a string, a packet longer than <see cref="SubunitFlags.MaxPacketLength"/>, <see cref="SubunitEvent.FileBytes"/>
/// without a <see cref="SubunitEvent.FileName"/>, or (as <see cref="ArgumentOutOfRangeException"/>) a timestamp before
/// 1970 or after 2106. Nothing is written in that case.
/// </para>
/// <para>Not thread-safe: await each write before starting the next.</para>
/// </remarks>
public sealed class SubunitWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;

    /// <summary>Creates a writer over <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="leaveOpen">Whether <see cref="DisposeAsync"/> leaves <paramref name="stream"/> open.</param>
    public SubunitWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Encodes one event as packet bytes.</summary>
    /// <param name="subunitEvent">The event to encode.</param>
    /// <returns>The packet, signature through CRC.</returns>
    /// <exception cref="ArgumentException">The event cannot be encoded; see the type remarks.</exception>
    public static byte[] ToBytes(SubunitEvent subunitEvent) => SubunitPacket.ToArray(subunitEvent);

    /// <summary>Writes one event as one packet.</summary>
    /// <param name="subunitEvent">The event to write.</param>
    /// <param name="cancellationToken">Cancels the underlying write.</param>
    /// <returns>A task that completes when the packet has been handed to the stream.</returns>
    /// <exception cref="ArgumentException">The event cannot be encoded; see the type remarks.</exception>
    public async ValueTask WriteAsync(SubunitEvent subunitEvent, CancellationToken cancellationToken = default)
    {
        var layout = SubunitPacket.Plan(subunitEvent);
        var buffer = ArrayPool<byte>.Shared.Rent(layout.Length);
        try
        {
            SubunitPacket.Write(subunitEvent, layout, buffer);
            await _stream.WriteAsync(buffer.AsMemory(0, layout.Length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Flushes the underlying stream.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes when the stream has flushed.</returns>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _stream.FlushAsync(cancellationToken);

    /// <summary>Flushes, then disposes the stream unless the writer was created with <c>leaveOpen</c>.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stream.FlushAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
