using Microsoft.AspNetCore.Http;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Routing;

/// <summary>
/// GatewayHTTPSListenerDetectMisdirectedRequests: on an HTTPS socket the Host must select the listener (virtual host)
/// the SNI name selected; otherwise 421, or 404 when no listener takes the Host at all.
/// </summary>
public sealed class RouteTableMisdirectedTests
{
    private static readonly RouteTable Https = RouteTable.Build(Socket(ListenerProtocol.Https, rejectMisdirected: true));

    [Theory]
    [InlineData("example.org", "example.org", "any")]
    [InlineData("example.org", "second-example.org", "421")]
    [InlineData("example.org", "unknown-example.org", "any")]
    [InlineData("second-example.org", "second-example.org", "second")]
    [InlineData("second-example.org", "example.org", "421")]
    [InlineData("second-example.org", "unknown-example.org", "421")]
    [InlineData("third.wildcard.org", "third.wildcard.org", "wild")]
    [InlineData("third.wildcard.org", "fifth.wildcard.org", "wild")]
    [InlineData("third.wildcard.org", "a.b.wildcard.org", "wild")]
    [InlineData("third.wildcard.org", "fourth.wildcard.org", "421")]
    [InlineData("fourth.wildcard.org", "fourth.wildcard.org", "fourth")]
    [InlineData("fourth.wildcard.org", "fifth.wildcard.org", "421")]
    [InlineData("FOURTH.wildcard.org.", "fourth.WILDCARD.org:443", "fourth")]
    [InlineData("unknown-example.org", "example.org", "any")]
    [InlineData(null, "second-example.org", "second")]
    [InlineData("", "fourth.wildcard.org", "fourth")]
    public void Match_SniAndHost_SameListenerServedOtherwise421(string? sni, string host, string expected)
    {
        var rule = Https.Match(Request(host), sni, out var misdirected);

        Assert.Equal(expected, misdirected ? "421" : rule?.Rule.Id);
    }

    [Fact]
    public void Match_HostOfNoListener_NotMisdirected404()
    {
        var table = RouteTable.Build(Listener(
            Host("second", "second-example.org", Rule("second", Prefix("/"))) with { RejectMisdirected = true }) with
        { Protocol = ListenerProtocol.Https });

        Assert.Null(table.Match(Request("unknown.test"), "second-example.org", out var misdirected));
        Assert.False(misdirected);

        // An SNI name no listener takes, with a Host one does: the connection was not made for that listener.
        Assert.Null(table.Match(Request("second-example.org"), "unknown.test", out misdirected));
        Assert.True(misdirected);
    }

    [Fact]
    public void Build_DetectsMisdirectedOnlyForHttpsListenersThatAskForIt()
    {
        Assert.True(Https.DetectsMisdirected);
        Assert.False(RouteTable.Build(Socket(ListenerProtocol.Https, rejectMisdirected: false)).DetectsMisdirected);
        Assert.False(RouteTable.Build(Socket(ListenerProtocol.Http, rejectMisdirected: true)).DetectsMisdirected);
    }

    [Fact]
    public void Match_VirtualHostNotRejectingMisdirected_ServedByHost()
    {
        // Ingress hosts sharing the socket keep ingress-nginx behaviour: the Host decides.
        var table = RouteTable.Build(Listener(
            Host("gateway", "gateway.test", Rule("gateway", Prefix("/"))) with { RejectMisdirected = true },
            Host("ingress", "ingress.test", Rule("ingress", Prefix("/")))) with
        { Protocol = ListenerProtocol.Https });

        Assert.Equal("ingress", table.Match(Request("ingress.test"), "gateway.test", out var misdirected)?.Rule.Id);
        Assert.False(misdirected);
        Assert.Null(table.Match(Request("gateway.test"), "ingress.test", out misdirected));
        Assert.True(misdirected);
    }

    private static RouteRequest Request(string host) => new(host, "/", "GET", new HeaderDictionary(), null);

    private static Listener Socket(ListenerProtocol protocol, bool rejectMisdirected) => Listener(
        Host("fourth", "fourth.wildcard.org", Rule("fourth", Prefix("/"))) with { RejectMisdirected = rejectMisdirected },
        Host("second", "second-example.org", Rule("second", Prefix("/"))) with { RejectMisdirected = rejectMisdirected },
        Host("wild", "*.wildcard.org", Rule("wild", Prefix("/"))) with { RejectMisdirected = rejectMisdirected },
        Host("any", null, Rule("any", Prefix("/"))) with { RejectMisdirected = rejectMisdirected }) with
    { Protocol = protocol };
}
