using Grpc.Core;
using Grpc.Net.Client;
using Switchyard.GrpcRoute.Tests.Echo;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>Calls through a channel by method name, with metadata, and what came back.</summary>
internal static class Calls
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Calls <paramref name="method"/> ("Echo/Say", "Admin/GetItems", ...) and returns the reply.</summary>
    public static async Task<EchoReply> CallAsync(GrpcChannel channel, string method, params (string Name, string Value)[] metadata)
    {
        var (reply, _) = await CallWithHeadersAsync(channel, method, "hello", metadata);
        return reply;
    }

    /// <summary>Calls <paramref name="method"/> with <paramref name="message"/> as the request message.</summary>
    public static async Task<EchoReply> CallAsync(GrpcChannel channel, string method, string message)
    {
        var (reply, _) = await CallWithHeadersAsync(channel, method, message);
        return reply;
    }

    /// <summary>Calls <paramref name="method"/> and returns the reply with the response headers.</summary>
    public static async Task<(EchoReply Reply, Metadata Headers)> CallWithHeadersAsync(GrpcChannel channel, string method, string message = "hello", params (string Name, string Value)[] metadata)
    {
        var headers = new Metadata();
        foreach (var (name, value) in metadata)
        {
            headers.Add(name, value);
        }

        var options = new CallOptions(headers, DateTime.UtcNow + Deadline);
        var request = new EchoRequest { Message = message };
        var echo = new Echo.Echo.EchoClient(channel);
        var admin = new Admin.AdminClient(channel);
        using var call = method switch
        {
            "Echo/Say" => echo.SayAsync(request, options),
            "Echo/SayAgain" => echo.SayAgainAsync(request, options),
            "Admin/GetItems" => admin.GetItemsAsync(request, options),
            "Admin/ListItems" => admin.ListItemsAsync(request, options),
            "Admin/Delete" => admin.DeleteAsync(request, options),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method"),
        };
        var reply = await call.ResponseAsync;
        return (reply, await call.ResponseHeadersAsync);
    }

    /// <summary>The backend that answered, or the status code name when the call failed.</summary>
    public static async Task<string> BackendAsync(GrpcChannel channel, string method, params (string Name, string Value)[] metadata)
    {
        try
        {
            return (await CallAsync(channel, method, metadata)).Backend;
        }
        catch (RpcException e)
        {
            return e.StatusCode.ToString();
        }
    }

    /// <summary>The failure of a call expected to fail.</summary>
    public static async Task<RpcException> FailureAsync(GrpcChannel channel, string method, params (string Name, string Value)[] metadata) =>
        await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel, method, metadata));
}
