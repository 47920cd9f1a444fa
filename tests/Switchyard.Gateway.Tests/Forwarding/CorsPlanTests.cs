using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

public sealed class CorsPlanTests
{
    private static readonly CorsPolicy Policy = new()
    {
        AllowOrigins = ["https://app.example.com", "https://*.example.org:8443"],
        AllowMethods = ["GET", "POST"],
        AllowHeaders = ["Content-Type", "Authorization"],
        ExposeHeaders = ["X-Total"],
        MaxAge = TimeSpan.FromMinutes(10),
        AllowCredentials = true,
    };

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("HTTPS://APP.example.com", true)]
    [InlineData("http://app.example.com", false)]
    [InlineData("https://app.example.com:8443", false)]
    [InlineData("https://a.example.org:8443", true)]
    [InlineData("https://a.b.example.org:8443", false)]
    [InlineData("https://.example.org:8443", false)]
    [InlineData("https://a.example.org", false)]
    public void TryAnswerPreflight_Origin_AnsweredOnlyWhenAllowed(string origin, bool allowed)
    {
        var context = Request("OPTIONS", origin);

        Assert.Equal(allowed, CorsPlan.Create(Policy)!.TryAnswerPreflight(context));
        if (allowed)
        {
            var headers = context.Response.Headers;
            Assert.Equal(204, context.Response.StatusCode);
            Assert.Equal(origin, headers.AccessControlAllowOrigin);
            Assert.Equal("true", headers.AccessControlAllowCredentials);
            Assert.Equal("GET, POST", headers.AccessControlAllowMethods);
            Assert.Equal("Content-Type, Authorization", headers.AccessControlAllowHeaders);
            Assert.Equal("X-Total", headers.AccessControlExposeHeaders);
            Assert.Equal("600", headers.AccessControlMaxAge);
            Assert.Equal("Origin", headers.Vary);
        }
    }

    [Fact]
    public void TryAnswerPreflight_NotOptionsOrNoOrigin_NotAnswered()
    {
        var plan = CorsPlan.Create(Policy)!;

        Assert.False(plan.TryAnswerPreflight(Request("GET", "https://app.example.com")));
        Assert.False(plan.TryAnswerPreflight(Request("OPTIONS", null)));
    }

    [Fact]
    public void ApplyToResponse_AnyOrigin_StarWithoutVary()
    {
        var context = Request("GET", "https://whoever.example.net");

        CorsPlan.Create(new CorsPolicy { AllowOrigins = ["*"] })!.ApplyToResponse(context);

        Assert.Equal("*", context.Response.Headers.AccessControlAllowOrigin);
        Assert.False(context.Response.Headers.ContainsKey("Vary"));
        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public void ApplyToResponse_OriginNotAllowed_NoHeaders()
    {
        var context = Request("GET", "https://evil.example.net");

        CorsPlan.Create(Policy)!.ApplyToResponse(context);

        Assert.Empty(context.Response.Headers);
    }

    private static DefaultHttpContext Request(string method, string? origin)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        return context;
    }
}
