using System.CommandLine;
using System.Net;
using Switchyard.Cli.Commands;
using Switchyard.Cli.Serving;
using Switchyard.Gateway;

namespace Switchyard.Cli.Tests.Commands;

/// <summary>Every serve flag reaches the options the server runs with (a flag parsed but dropped is a silent bug).</summary>
public sealed class ServeCommandOptionsTests
{
    [Fact]
    public async Task Parse_DnsAndNodeFlags_ReachTranslatorOptions()
    {
        var options = await ParseAsync(
            "-f", "manifests", "--cluster-domain", "corp.example", "--dns-ttl", "30", "--dns", "127.0.0.2:5399",
            "--node-name", "node-a", "--node-address", "127.0.0.3", "--bind-address", "127.0.0.4");

        Assert.Equal("corp.example", options.Translator.ClusterDomain);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Translator.DnsTtl);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), options.Translator.DnsServerAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 5399), options.Dns);
        Assert.Equal("node-a", options.Translator.NodeName);
        Assert.Equal("127.0.0.3", options.Translator.NodeAddress);
        Assert.Equal("127.0.0.4", options.Translator.BindAddress);
    }

    [Fact]
    public async Task Parse_Defaults_MatchDocumentedDefaults()
    {
        var options = await ParseAsync("-f", "manifests");

        Assert.Equal("cluster.local", options.Translator.ClusterDomain);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Translator.DnsTtl);
        Assert.Equal(IPAddress.Loopback, options.Translator.DnsServerAddress);
        Assert.Null(options.Translator.NodeName);
        Assert.Equal("127.0.0.1", options.Translator.NodeAddress);
        Assert.Equal("0.0.0.0", options.Translator.BindAddress);
    }

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("120", 120_000)]
    [InlineData("168h", 604_800_000)]
    public async Task Parse_TlsListenerFlags_ReachDataPlaneOptions(string idle, long milliseconds)
    {
        var options = await ParseAsync("-f", "manifests", "--tls-idle-timeout", idle, "--max-tls-connections", "250");

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.TlsIdleTimeout);
        Assert.Equal(250, options.MaxTlsConnections);
    }

    [Fact]
    public async Task Parse_NoTlsListenerFlags_DataPlaneDefaults()
    {
        var options = await ParseAsync("-f", "manifests");
        var defaults = new GatewayDataPlaneOptions();

        Assert.Equal(defaults.TlsIdleTimeout, options.TlsIdleTimeout);
        Assert.Equal(TimeSpan.FromHours(1), options.TlsIdleTimeout);
        Assert.Equal(defaults.MaxTlsConnections, options.MaxTlsConnections);
    }

    [Theory]
    [InlineData("--tls-idle-timeout", "0s")]
    [InlineData("--tls-idle-timeout", "169h")]
    [InlineData("--tls-idle-timeout", "1d")]
    [InlineData("--tls-idle-timeout", "-5")]
    [InlineData("--tls-idle-timeout", "soon")]
    [InlineData("--max-tls-connections", "0")]
    [InlineData("--max-tls-connections", "1000001")]
    [InlineData("--max-tls-connections", "many")]
    public async Task Parse_TlsListenerFlagOutOfRange_UsageErrorAndNotRun(string flag, string value)
    {
        var ran = false;
        var command = ServeCommand.Create((_, _, _) =>
        {
            ran = true;
            return Task.FromResult(0);
        });
        var parse = command.Parse(["-f", "manifests", flag, value]);
        var error = new StringWriter();

        Assert.NotEqual(0, await parse.InvokeAsync(new InvocationConfiguration { Error = error, Output = new StringWriter() }));
        Assert.False(ran);
        Assert.Contains(flag, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_DnsOff_NoNameServerAddress()
    {
        var options = await ParseAsync("-f", "manifests", "--dns", "off");

        Assert.Null(options.Dns);
        Assert.Null(options.Translator.DnsServerAddress);
    }

    private static async Task<ServeOptions> ParseAsync(params string[] args)
    {
        ServeOptions? captured = null;
        var command = ServeCommand.Create((options, _, _) =>
        {
            captured = options;
            return Task.FromResult(0);
        });
        Assert.Equal(0, await command.Parse(args).InvokeAsync());
        return Assert.IsType<ServeOptions>(captured);
    }
}
