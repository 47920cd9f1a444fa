using System.Net;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

[Collection(EchoCollection.Name)]
public sealed class GatewayDataPlaneTlsTests(EchoBackends echo)
{
    private static readonly TlsCertificate Exact = TestCertificates.Create("a.example.com", "a.example.com");
    private static readonly TlsCertificate Wildcard = TestCertificates.Create("*.b.example.com", "*.b.example.com");
    private static readonly TlsCertificate Fallback = TestCertificates.Create("default.example", null);

    [Fact]
    public async Task Https_SniNames_CertificateSelectedPerConnection()
    {
        await using var gateway = await GatewayHarness.StartAsync(HttpsSnapshot(Fallback, Wildcard, Exact));

        var exact = await gateway.EchoAsync("https://a.example.com/tls");
        var wildcard = await gateway.EchoAsync("https://deep.x.b.example.com/tls");
        using var fallback = await gateway.GetAsync("https://unknown.org/tls");

        Assert.Equal(["a.example.com", "*.b.example.com", "default.example"], gateway.ServedCertificates);
        Assert.Equal("a.example.com", exact.Host);
        Assert.Equal("https", exact.Headers["X-Forwarded-Proto"]);
        Assert.Equal("deep.x.b.example.com", wildcard.Host);
        Assert.Equal(HttpStatusCode.OK, fallback.StatusCode);
    }

    [Fact]
    public async Task Https_AlpnH2_ServedOverHttp2()
    {
        await using var gateway = await GatewayHarness.StartAsync(HttpsSnapshot(Exact));
        using var client = gateway.CreateClient(() => gateway.Gateway, HttpVersion.Version20, HttpVersionPolicy.RequestVersionExact);

        using var response = await client.GetAsync("https://a.example.com/h2");
        var reply = await EchoReply.ReadAsync(response);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("a.example.com", reply.Host);
    }

    [Fact]
    public async Task Https_CertificateReplaced_NewConnectionsGetNewCertificateWithoutRebind()
    {
        await using var gateway = await GatewayHarness.StartAsync(HttpsSnapshot(Exact));
        var port = gateway.Port;
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("https://a.example.com/")).StatusCode);

        var replacement = TestCertificates.Create("a.example.com", "a.example.com");
        var results = await gateway.ApplyAsync(HttpsSnapshot(replacement) with { Generation = 2 });
        using var client = gateway.CreateClient(() => gateway.Gateway);
        using var response = await client.GetAsync("https://a.example.com/");

        Assert.Equal(port, results[0].Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Thumbprint(Exact), Thumbprint(replacement)], gateway.ServedThumbprints);
    }

    private static string Thumbprint(TlsCertificate certificate)
    {
        using var parsed = X509Certificate2.CreateFromPem(certificate.CertificatePem);
        return parsed.Thumbprint;
    }

    private Snapshot HttpsSnapshot(params TlsCertificate[] certificates) => new()
    {
        Generation = 1,
        Listeners =
        [
            Listener(Host("any", null, Rule("r", action: Forward(("a", 1))))) with
            {
                Protocol = ListenerProtocol.Https,
                Certificates = [.. certificates.OrderBy(c => c.Hostname is null ? 2 : c.Hostname.StartsWith('*') ? 1 : 0)],
            },
        ],
        Clusters = [Cluster("a", BackendProtocol.Http1, echo.A.EndPoint)],
    };
}
