using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Forwarding;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tests.Forwarding;

/// <summary>The Gateway API CORS filter's rules (<see cref="CorsMode.GatewayApi"/>), one header decision at a time.</summary>
public sealed class CorsPlanGatewayApiTests
{
    private static readonly CorsPolicy Listed = new()
    {
        Mode = CorsMode.GatewayApi,
        AllowOrigins = ["https://www.foo.com", "https://*.bar.com", "http://localhost:3000", "https://*:8443"],
        AllowMethods = ["GET", "OPTIONS"],
        AllowHeaders = ["x-header-1", "x-header-2"],
        ExposeHeaders = ["x-header-3", "x-header-4"],
        MaxAge = TimeSpan.FromHours(1),
        AllowCredentials = true,
    };

    [Theory]
    [InlineData("https://www.foo.com", true)]
    [InlineData("HTTPS://WWW.FOO.COM", true)]
    [InlineData("https://www.foo.com:443", true)]
    [InlineData("https://www.foo.com:8444", false)]
    [InlineData("http://www.foo.com", false)]
    [InlineData("https://foo.com", false)]
    [InlineData("https://www.bar.com", true)]
    [InlineData("https://xpto.www.bar.com", true)]
    [InlineData("https://bar.com", false)]
    [InlineData("https://foobar.com", false)]
    [InlineData("https://www.bar.com:444", false)]
    [InlineData("http://localhost:3000", true)]
    [InlineData("http://localhost", false)]
    [InlineData("https://anything.example:8443", true)]
    [InlineData("https://[2001:db8::1]:8443", true)]
    [InlineData("https://www.foo.com/path", false)]
    [InlineData("null", false)]
    [InlineData("www.foo.com", false)]
    public void Preflight_Origin_HeadersOnlyWhenAllowedButAlwaysAnswered(string origin, bool allowed)
    {
        var context = Request("OPTIONS", origin, ("Access-Control-Request-Method", "GET"));

        Assert.True(Plan(Listed).TryAnswerPreflight(context));

        var headers = context.Response.Headers;
        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal("Origin", headers.Vary);
        if (!allowed)
        {
            Assert.False(headers.ContainsKey("Access-Control-Allow-Origin"));
            Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
            return;
        }

        Assert.Equal(origin, headers.AccessControlAllowOrigin);
        Assert.Equal("true", headers.AccessControlAllowCredentials);
        Assert.Equal("GET, OPTIONS", headers.AccessControlAllowMethods);
        Assert.Equal("x-header-1, x-header-2", headers.AccessControlAllowHeaders);
        Assert.Equal("x-header-3, x-header-4", headers.AccessControlExposeHeaders);
        Assert.Equal("3600", headers.AccessControlMaxAge);
    }

    [Fact]
    public void Preflight_OptionsWithoutRequestMethodOrOrigin_NotAPreflight()
    {
        var plan = Plan(Listed);

        Assert.False(plan.TryAnswerPreflight(Request("OPTIONS", "https://www.foo.com")));
        Assert.False(plan.TryAnswerPreflight(Request("OPTIONS", null, ("Access-Control-Request-Method", "GET"))));
        Assert.False(plan.TryAnswerPreflight(Request("GET", "https://www.foo.com", ("Access-Control-Request-Method", "GET"))));
    }

    [Fact]
    public void Preflight_WildcardsWithCredentials_EchoOriginMethodAndHeaders()
    {
        var plan = Plan(new CorsPolicy
        {
            Mode = CorsMode.GatewayApi,
            AllowOrigins = ["*"],
            AllowMethods = ["*"],
            AllowHeaders = ["*"],
            ExposeHeaders = ["*"],
            AllowCredentials = true,
            MaxAge = TimeSpan.FromSeconds(5),
        });
        var context = Request("OPTIONS", "https://other.foo.com", ("Access-Control-Request-Method", "PUT"), ("Access-Control-Request-Headers", "x-header-1, x-header-2"));

        Assert.True(plan.TryAnswerPreflight(context));

        var headers = context.Response.Headers;
        Assert.Equal("https://other.foo.com", headers.AccessControlAllowOrigin);
        Assert.Equal("true", headers.AccessControlAllowCredentials);
        Assert.Equal("PUT", headers.AccessControlAllowMethods);
        Assert.Equal("x-header-1, x-header-2", headers.AccessControlAllowHeaders);
        Assert.False(headers.ContainsKey("Access-Control-Expose-Headers"));
        Assert.Equal("5", headers.AccessControlMaxAge);
        Assert.Equal("Origin, Access-Control-Request-Method, Access-Control-Request-Headers", headers.Vary);
    }

    [Fact]
    public void Preflight_AnyHeaderButNoneRequested_NoAllowHeaders()
    {
        var plan = Plan(new CorsPolicy { Mode = CorsMode.GatewayApi, AllowOrigins = ["*"], AllowHeaders = ["*"], AllowCredentials = true });
        var context = Request("OPTIONS", "https://a.example", ("Access-Control-Request-Method", "PUT"));

        Assert.True(plan.TryAnswerPreflight(context));

        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Headers"));
        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Methods"));
    }

    [Fact]
    public void Preflight_AnyOriginWithoutCredentials_StarAndNoVaryOnOrigin()
    {
        var plan = Plan(new CorsPolicy { Mode = CorsMode.GatewayApi, AllowOrigins = ["*"], AllowMethods = ["PUT"], ExposeHeaders = ["*"] });
        var context = Request("OPTIONS", "https://foobar.com:12345", ("Access-Control-Request-Method", "PUT"));

        Assert.True(plan.TryAnswerPreflight(context));

        var headers = context.Response.Headers;
        Assert.Equal("*", headers.AccessControlAllowOrigin);
        Assert.Equal("PUT", headers.AccessControlAllowMethods);
        Assert.Equal("*", headers.AccessControlExposeHeaders);
        Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
        Assert.False(headers.ContainsKey("Vary"));
    }

    [Fact]
    public void Response_AllowedOrigin_OriginCredentialsAndExposeOnlyReplacingTheBackends()
    {
        var context = Request("GET", "https://www.bar.com");
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowMethods = "DELETE";
        headers.AccessControlMaxAge = "86400";
        headers.Vary = "Accept-Encoding";

        Plan(Listed).ApplyToResponse(context);

        Assert.Equal("https://www.bar.com", headers.AccessControlAllowOrigin);
        Assert.Equal("true", headers.AccessControlAllowCredentials);
        Assert.Equal("x-header-3, x-header-4", headers.AccessControlExposeHeaders);
        Assert.False(headers.ContainsKey("Access-Control-Allow-Methods"));
        Assert.False(headers.ContainsKey("Access-Control-Max-Age"));
        Assert.Equal("Accept-Encoding,Origin", headers.Vary.ToString());

        // A second pass (an error answer after headers were copied) adds nothing twice.
        Plan(Listed).ApplyToResponse(context);
        Assert.Equal("Accept-Encoding,Origin", headers.Vary.ToString());
    }

    [Fact]
    public void Response_OriginNotAllowed_BackendCorsHeadersRemoved()
    {
        var context = Request("GET", "https://foobar.com");
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowCredentials = "true";

        Plan(Listed).ApplyToResponse(context);

        Assert.False(headers.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
        Assert.Equal("Origin", headers.Vary);
    }

    [Fact]
    public void Response_NoOrigin_NoCorsHeaders()
    {
        var context = Request("GET", null);

        Plan(new CorsPolicy { Mode = CorsMode.GatewayApi, AllowOrigins = ["*"] }).ApplyToResponse(context);

        Assert.False(context.Response.Headers.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Response_ExposeAnyWithCredentials_ListsTheResponsesOwnHeaders()
    {
        var context = Request("GET", "https://a.example");
        var headers = context.Response.Headers;
        headers["X-Total"] = "3";
        headers.ContentType = "application/json";
        headers.SetCookie = "a=b";
        headers["X-Request-Id"] = "r";

        Plan(new CorsPolicy { Mode = CorsMode.GatewayApi, AllowOrigins = ["*"], ExposeHeaders = ["*"], AllowCredentials = true }).ApplyToResponse(context);

        Assert.Equal("https://a.example", headers.AccessControlAllowOrigin);
        Assert.Equal("X-Total, X-Request-Id", headers.AccessControlExposeHeaders);
    }

    private static CorsPlan Plan(CorsPolicy policy) => CorsPlan.Create(policy)!;

    private static DefaultHttpContext Request(string method, string? origin, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }
}
