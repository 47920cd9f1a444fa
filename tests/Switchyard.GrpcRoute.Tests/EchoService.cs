using Grpc.Core;
using Switchyard.GrpcRoute.Tests.Echo;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>The Echo service of one backend: every reply names the backend, the method and the metadata it saw.</summary>
internal sealed class EchoService(BackendName backend) : Echo.Echo.EchoBase
{
    public override Task<EchoReply> Say(EchoRequest request, ServerCallContext context) => Replies.UnaryAsync(backend, request, context);

    public override Task<EchoReply> SayAgain(EchoRequest request, ServerCallContext context) => Replies.UnaryAsync(backend, request, context);

    public override async Task Count(EchoRequest request, IServerStreamWriter<EchoReply> responseStream, ServerCallContext context)
    {
        await Replies.SendHeadersAsync(backend, context);
        for (var i = 0; i < request.Count; i++)
        {
            var reply = Replies.For(backend, request, context);
            reply.Index = i;
            await responseStream.WriteAsync(reply, context.CancellationToken);
        }
    }
}
