namespace Stackmark.Subunit;

/// <summary>A corrupt, torn or truncated packet found by <see cref="SubunitReader"/>.</summary>
/// <remarks>
/// Offsets count bytes from where the reader started reading its stream. The same message is the content of the
/// <see cref="SubunitEvent.ParserErrorFileName"/> attachment of the failure event. Equality is by value.
/// </remarks>
/// <param name="PacketOffset">The byte offset of the bad packet's signature byte.</param>
/// <param name="Offset">The byte offset where the problem was found (a bad field, the CRC, or the end of the stream).</param>
/// <param name="Message">A human-readable description naming both offsets.</param>
public sealed record SubunitParseError(long PacketOffset, long Offset, string Message);
