using Grpc.Core;
using Switchyard.GrpcRoute.Tests.Echo;

namespace Switchyard.GrpcRoute.Tests;

internal static class Replies
{
    public static EchoReply For(BackendName backend, EchoRequest request, ServerCallContext context)
    {
        backend.Served.Enqueue(context.Method + " " + request.Message);
        var reply = new EchoReply
        {
            Backend = backend.Value,
            Method = context.Method,
            Authority = context.Host,
            Message = request.Message,
        };
        foreach (var entry in context.RequestHeaders)
        {
            if (!entry.IsBinary)
            {
                // Repeated metadata keys arrive as separate entries; keep them all, comma-joined as HTTP would.
                reply.Headers[entry.Key] = reply.Headers.TryGetValue(entry.Key, out var existing) ? existing + "," + entry.Value : entry.Value;
            }
        }

        return reply;
    }

    /// <summary>A unary reply, after response headers a test can check the response header modifiers against.</summary>
    public static async Task<EchoReply> UnaryAsync(BackendName backend, EchoRequest request, ServerCallContext context)
    {
        await SendHeadersAsync(backend, context);
        return For(backend, request, context);
    }

    public static Task SendHeadersAsync(BackendName backend, ServerCallContext context) =>
        context.WriteResponseHeadersAsync(new Metadata { { "x-backend", backend.Value }, { "x-remove-me", "present" } });
}
