using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Stackmark.RefStack.Tests.Support;

/// <summary>
/// A tiny RefStack on 127.0.0.1: a TcpListener speaking just enough HTTP/1.1, answering <c>POST …/v1/results/</c>
/// in RefStack's order (JSON, signature, key lookup, store). It checks signatures with its own SSH-blob decoder and
/// .NET RSA, not with the library under test.
/// </summary>
internal sealed class FakeRefStack : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeRefStack(Func<Request, (int Status, string Body)>? respond = null)
    {
        Respond = respond ?? RefStack;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Blobs (base64) of registered keys; signed uploads by other keys get 401.</summary>
    public HashSet<string> RegisteredKeys { get; } = [];

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api");

    private Func<Request, (int Status, string Body)> Respond { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>RefStack's own checks (refstack/api/controllers/results.py, validators.py), independently coded.</summary>
    public (int Status, string Body) RefStack(Request request)
    {
        try
        {
            using var _ = JsonDocument.Parse(request.Body);
        }
        catch (JsonException)
        {
            return (400, """{"code": 400, "title": "Bad Request", "detail": "Malformed request"}""");
        }

        var signature = request.Header("X-Signature");
        var key = request.Header("X-Public-Key");
        if (signature is not null || key is not null)
        {
            if (signature is null || key is null || !IndependentlyVerified(request.Body, signature, key))
            {
                return (400, """{"code": 400, "title": "Bad Request", "detail": "Signature verification failed"}""");
            }

            if (!RegisteredKeys.Contains(key.Split(' ')[1]))
            {
                return (401, """{"title": "User with specified key not found", "code": 401}""");
            }
        }

        var id = Guid.NewGuid();
        return (201, $$"""{"test_id": "{{id}}", "url": "https://refstack.example.org/#/results/{{id}}"}""");
    }

    private static bool IndependentlyVerified(byte[] body, string hexSignature, string keyLine)
    {
        var blob = Convert.FromBase64String(keyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        var fields = new List<byte[]>();
        for (var at = 0; at < blob.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(at));
            fields.Add(blob.AsSpan(at + 4, length).ToArray());
            at += 4 + length;
        }

        if (fields.Count != 3 || Encoding.ASCII.GetString(fields[0]) != "ssh-rsa")
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Exponent = fields[1].SkipWhile(b => b == 0).ToArray(),
            Modulus = fields[2].SkipWhile(b => b == 0).ToArray(),
        });
        return rsa.VerifyData(body, Convert.FromHexString(hexSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            var request = await ReadAsync(stream, _stop.Token);
            Requests.Enqueue(request);
            var (status, body) = Respond(request);
            var bytes = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(bytes, _stop.Token);
        }
    }

    private static async Task<Request> ReadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, ct) == 0)
            {
                throw new IOException("client closed before the headers ended");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines[1..].Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : 0];
        await stream.ReadExactlyAsync(body, ct);
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
