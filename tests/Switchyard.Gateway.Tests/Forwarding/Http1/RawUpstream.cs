using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Gateway.Tests.Forwarding.Http1;

/// <summary>
/// An HTTP/1.1 backend on a loopback socket whose answers the test writes byte by byte, so that framing (chunked,
/// close-delimited, interim responses, broken responses) is exactly what the test says. It counts connections,
/// records every request, and notes whether a request ever arrived while the previous one was unanswered (pipelining).
/// </summary>
internal sealed class RawUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawExchange, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private int _pipelined;

    private RawUpstream(Func<RawExchange, Task> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint { get; }

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>True if bytes of a next request were ever buffered before the current one was answered.</summary>
    public bool SawPipelining => Volatile.Read(ref _pipelined) != 0;

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    public static RawUpstream Start(Func<RawExchange, Task> handler) => new(handler);

    /// <summary>Answers every request with 200 and <paramref name="body"/> (Content-Length).</summary>
    public static RawUpstream Ok(string body = "ok") => Start(exchange => exchange.WriteAsync(
        string.Concat("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ", body.Length.ToString(CultureInfo.InvariantCulture), "\r\n\r\n", body)));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reader = new Reader(stream);
                while (await reader.ReadRequestAsync(_stop.Token) is { } request)
                {
                    if (reader.Buffered > 0 || client.Available > 0)
                    {
                        Interlocked.Exchange(ref _pipelined, 1);
                    }

                    Requests.Enqueue(request);
                    var exchange = new RawExchange(request, stream, connection);
                    await _handler(exchange);
                    if (exchange.Close)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Reads request heads and bodies (Content-Length or chunked) from a stream.</summary>
    private sealed class Reader(NetworkStream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public int Buffered => _end - _start;

        public async Task<RawRequest?> ReadRequestAsync(CancellationToken cancellationToken)
        {
            var requestLine = await ReadLineAsync(cancellationToken);
            if (requestLine is null)
            {
                return null;
            }

            var parts = requestLine.Split(' ');
            var headers = new List<(string, string)>();
            while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add((line[..colon], line[(colon + 1)..].Trim()));
            }

            var chunked = headers.Any(h => h.Item1.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Item2.Contains("chunked", StringComparison.OrdinalIgnoreCase));
            using var body = new MemoryStream();
            if (chunked)
            {
                while (true)
                {
                    var sizeLine = await ReadLineAsync(cancellationToken) ?? throw new IOException("eof in chunk size");
                    var size = int.Parse(sizeLine.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    if (size == 0)
                    {
                        while (await ReadLineAsync(cancellationToken) is { Length: > 0 })
                        {
                        }

                        break;
                    }

                    await ReadBytesAsync(body, size, cancellationToken);
                    await ReadLineAsync(cancellationToken);
                }
            }
            else if (headers.FirstOrDefault(h => h.Item1.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) is { Item2: { } length })
            {
                await ReadBytesAsync(body, int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
            }

            return new RawRequest(parts[0], parts[1], headers, body.ToArray(), chunked);
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline >= 0)
                {
                    var line = Encoding.Latin1.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                    _start = newline + 1;
                    return line;
                }

                if (!await FillAsync(cancellationToken))
                {
                    return null;
                }
            }
        }

        private async Task ReadBytesAsync(MemoryStream destination, int count, CancellationToken cancellationToken)
        {
            while (count > 0)
            {
                if (_end == _start && !await FillAsync(cancellationToken))
                {
                    throw new IOException("eof in body");
                }

                var take = Math.Min(count, _end - _start);
                destination.Write(_buffer, _start, take);
                _start += take;
                count -= take;
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            _end += read;
            return read > 0;
        }
    }
}
