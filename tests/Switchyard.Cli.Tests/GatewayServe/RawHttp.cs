using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.Cli.Tests.GatewayServe;

/// <summary>
/// HTTP/1.1 written by hand over a socket, for requests HttpClient will not send as given (it rewrites the
/// Connection header to the options it knows). Reads one response with a Content-Length.
/// </summary>
internal static partial class RawHttp
{
    public static async Task<(int Status, string Head, string Body)> SendAsync(IPEndPoint gateway, string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(gateway, timeout.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ReplaceLineEndings("\r\n")), timeout.Token);
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            var text = Encoding.UTF8.GetString([.. received]);
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (split > 0)
            {
                var head = text[..split];
                var length = ContentLength().Match(head);
                Assert.True(length.Success, "no Content-Length in " + head);
                var bodyLength = int.Parse(length.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                var headBytes = Encoding.UTF8.GetByteCount(text[..(split + 4)]);
                if (received.Count - headBytes >= bodyLength)
                {
                    var body = Encoding.UTF8.GetString([.. received.Skip(headBytes).Take(bodyLength)]);
                    return (int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture), head, body);
                }
            }

            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, "connection closed before a complete response: " + text);
            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    [GeneratedRegex(@"(?im)^content-length:\s*(\d+)\s*$")]
    private static partial Regex ContentLength();
}
