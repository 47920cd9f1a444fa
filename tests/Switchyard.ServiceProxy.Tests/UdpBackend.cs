using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.ServiceProxy.Tests;

/// <summary>A UDP backend on loopback: answers each datagram with <c>name:payload</c>.</summary>
internal sealed class UdpBackend : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    public UdpBackend(string name, string address)
    {
        Name = name;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _loop = LoopAsync();
    }

    public string Name { get; }

    public IPEndPoint EndPoint { get; }

    public int Received => Volatile.Read(ref _received);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task LoopAsync()
    {
        var buffer = new byte[2048];
        var prefix = Encoding.ASCII.GetBytes(Name + ":");
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            Interlocked.Increment(ref _received);
            var reply = new byte[prefix.Length + result.ReceivedBytes];
            prefix.CopyTo(reply, 0);
            buffer.AsSpan(0, result.ReceivedBytes).CopyTo(reply.AsSpan(prefix.Length));
            await _socket.SendToAsync(reply, SocketFlags.None, result.RemoteEndPoint);
        }
    }
}
