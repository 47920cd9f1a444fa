using System.Net;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Gateway.Echo;
using Switchyard.Ir;
using static Switchyard.Gateway.Tests.TestIr;

namespace Switchyard.Gateway.Tests.Integration;

public sealed class GatewayDataPlaneBackendTlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private EchoServer _backend = null!;

    public async Task InitializeAsync()
    {
        _certificate = TestCertificates.CreateX509("backend.internal");
        _backend = await EchoServer.StartAsync(new IPEndPoint(IPAddress.Parse("127.0.0.14"), 0), "tls", certificate: _certificate);
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task HttpsBackend_TrustedCaAndHostname_ForwardsOverTls()
    {
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(new BackendTls
        {
            Hostname = "backend.internal",
            CaCertificatePem = _certificate.ExportCertificatePem(),
        }));

        var reply = await gateway.EchoAsync("http://app.example.com/secure?x=1");

        Assert.Equal("tls", reply.Backend);
        Assert.Equal("app.example.com", reply.Host);
        Assert.Equal("/secure?x=1", reply.Path);
        Assert.Equal("HTTP/2", reply.Protocol);
    }

    [Theory]
    [InlineData("other.internal", true)]
    [InlineData("backend.internal", false)]
    public async Task HttpsBackend_CertificateNotAccepted_Returns503(string hostname, bool trustCa)
    {
        await using var gateway = await GatewayHarness.StartAsync(Snapshot(new BackendTls
        {
            Hostname = hostname,
            CaCertificatePem = trustCa ? _certificate.ExportCertificatePem() : null,
        }));

        using var response = await gateway.GetAsync("http://app.example.com/secure");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private Snapshot Snapshot(BackendTls tls) => new()
    {
        Listeners = [Listener(Host("any", null, Rule("r", action: Forward(("tls", 1)))))],
        Clusters = [Cluster("tls", BackendProtocol.Https, _backend.EndPoint) with { Tls = tls }],
    };
}
