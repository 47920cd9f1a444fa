using Grpc.Core;
using Switchyard.GrpcRoute.Tests.Echo;

namespace Switchyard.GrpcRoute.Tests;

/// <summary>A second service, for matches on the service name and on method names across services.</summary>
internal sealed class AdminService(BackendName backend) : Admin.AdminBase
{
    public override Task<EchoReply> GetItems(EchoRequest request, ServerCallContext context) => Replies.UnaryAsync(backend, request, context);

    public override Task<EchoReply> ListItems(EchoRequest request, ServerCallContext context) => Replies.UnaryAsync(backend, request, context);

    public override Task<EchoReply> Delete(EchoRequest request, ServerCallContext context) => Replies.UnaryAsync(backend, request, context);
}
