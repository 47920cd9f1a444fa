using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class GrpcErrorsTests
{
    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("Application/GRPC", true)]
    [InlineData("application/grpc-web+proto", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData("", false)]
    public void IsGrpc_ContentType_DecidesWhetherTheCallIsGrpc(string contentType, bool expected)
    {
        var context = new DefaultHttpContext();
        if (contentType.Length > 0)
        {
            context.Request.ContentType = contentType;
        }

        Assert.Equal(expected, GrpcErrors.IsGrpc(context.Request));
    }

    [Theory]
    [InlineData(404, GrpcErrors.Unimplemented)]
    [InlineData(403, GrpcErrors.PermissionDenied)]
    [InlineData(413, GrpcErrors.ResourceExhausted)]
    [InlineData(500, GrpcErrors.Unavailable)]
    [InlineData(502, GrpcErrors.Unavailable)]
    [InlineData(503, GrpcErrors.Unavailable)]
    [InlineData(504, GrpcErrors.DeadlineExceeded)]
    [InlineData(418, GrpcErrors.Unknown)]
    public void Write_HttpStatus_Http200WithGrpcStatusAndMessage(int httpStatus, int grpcStatus)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/grpc-web-text";

        GrpcErrors.Write(context, httpStatus);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal(grpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers["grpc-status"].ToString());
        Assert.False(string.IsNullOrEmpty(context.Response.Headers["grpc-message"].ToString()));
        Assert.Equal("application/grpc-web-text", context.Response.ContentType);
    }
}
