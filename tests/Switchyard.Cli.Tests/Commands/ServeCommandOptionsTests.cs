using System.Net;
using Switchyard.Cli.Commands;
using Switchyard.Cli.Serving;

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
