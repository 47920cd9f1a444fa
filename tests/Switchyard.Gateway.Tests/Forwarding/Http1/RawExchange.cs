using System.Net.Sockets;
using System.Text;

namespace Switchyard.Gateway.Tests.Forwarding.Http1;

/// <summary>One request on a raw upstream connection and the means to answer it byte by byte.</summary>
internal sealed class RawExchange(RawRequest request, NetworkStream stream, int connection)
{
    public RawRequest Request { get; } = request;

    /// <summary>1 for the first connection the upstream accepted, and so on.</summary>
    public int Connection { get; } = connection;

    /// <summary>Set to close the connection after this exchange.</summary>
    public bool Close { get; set; }

    public Task WriteAsync(string text) => WriteAsync(Encoding.ASCII.GetBytes(text));

    public async Task WriteAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }
}
