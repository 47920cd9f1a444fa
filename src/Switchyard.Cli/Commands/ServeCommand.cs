using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Switchyard.Cli.Observability;
using Switchyard.Cli.Serving;
using Switchyard.Dns;
using Switchyard.EndpointSlices.Allocation;
using Switchyard.Gateway;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard serve -f PATH...</c>: run the gateway from manifest files, reloading them on change.</summary>
internal static class ServeCommand
{
    private const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Builds the command; <paramref name="run"/> replaces the server run (tests inspect the parsed options).</summary>
    public static Command Create(Func<ServeOptions, ILoggerFactory, CancellationToken, Task<int>>? run = null)
    {
        run ??= RunAsync;
        var files = CommonOptions.Files();
        var watch = new Option<bool>("--watch") { Description = "Watch the manifest files and apply changes (default).", DefaultValueFactory = _ => true };
        var noWatch = new Option<bool>("--no-watch") { Description = "Load the manifests once; ignore later changes." };
        var admin = new Option<string>("--admin") { Description = "Admin API address (healthz, readyz, status, config).", DefaultValueFactory = _ => "127.0.0.1:9901" };
        var bindAddress = new Option<string>("--bind-address") { Description = "Address Gateway listeners bind when a Gateway has no spec.addresses.", DefaultValueFactory = _ => "0.0.0.0" };
        var drain = new Option<double>("--drain-timeout") { Description = "Seconds to drain in-flight requests on shutdown.", DefaultValueFactory = _ => 10 };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };
        var dns = new Option<string>("--dns") { Description = "Cluster DNS address (UDP and TCP), ADDR:PORT, or off.", DefaultValueFactory = _ => DnsServerOptions.DefaultListen };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster DNS zone.", DefaultValueFactory = _ => "cluster.local" };
        var dnsTtl = new Option<int>("--dns-ttl") { Description = "TTL of cluster DNS records, in seconds.", DefaultValueFactory = _ => 5 };
        var dnsUpstream = new Option<string?>("--dns-upstream") { Description = "Resolver for other names, ADDR:PORT, or none to refuse them (default: the first nameserver in /etc/resolv.conf)." };
        var serviceProxy = new Option<bool>("--service-proxy") { Description = "Run the L4 Service proxy: listeners on cluster IPs, node ports and load-balancer addresses this host owns." };
        var probe = new Option<bool>("--probe") { Description = "Run Pods' readinessProbes and let the results gate traffic, as the kubelet does." };
        var nodeName = new Option<string?>("--node-name") { Description = "This node's name, for traffic policy Local (endpoints whose nodeName matches)." };
        var nodeAddress = new Option<string>("--node-address") { Description = "Address NodePort Services listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var serviceCidr = new Option<string>("--service-cidr") { Description = "IPv4 range cluster IPs are allocated from.", DefaultValueFactory = _ => ServiceAllocatorOptions.DefaultIPv4ServiceCidr };
        var serviceCidrV6 = new Option<string>("--service-cidr-v6") { Description = "IPv6 range cluster IPs are allocated from.", DefaultValueFactory = _ => ServiceAllocatorOptions.DefaultIPv6ServiceCidr };
        var lbPool = new Option<string[]>("--lb-pool") { Description = "Addresses or CIDRs LoadBalancer Services get their address from.", DefaultValueFactory = _ => [ServiceAllocatorOptions.DefaultLoadBalancerPool], AllowMultipleArgumentsPerToken = true };
        var logFormat = new Option<string>("--log-format") { Description = "Log format: text or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var accessLog = new Option<string>("--access-log") { Description = "Access log: off, stdout or a file path (one JSON line per request).", DefaultValueFactory = _ => "off" };
        var ingressHttp = new Option<string>("--ingress-http") { Description = "Address Ingresses are served on over HTTP, ADDR:PORT, or off.", DefaultValueFactory = _ => "0.0.0.0:8080" };
        var ingressHttps = new Option<string>("--ingress-https") { Description = "Address Ingresses are served on over HTTPS, ADDR:PORT, or off.", DefaultValueFactory = _ => "0.0.0.0:8443" };
        var ingressSslRedirect = new Option<bool>("--ingress-ssl-redirect") { Description = "Redirect HTTP requests for Ingress hosts with a certificate to HTTPS (308).", DefaultValueFactory = _ => true };
        var ingressHttpsPublicPort = new Option<int>("--ingress-https-public-port") { Description = "HTTPS port clients use, for redirect Locations (443 is left out).", DefaultValueFactory = _ => 443 };
        var defaultCertificate = new Option<string?>("--default-certificate") { Description = "Secret NAMESPACE/NAME served to TLS clients whose name has no Ingress certificate (default: none, the handshake fails)." };
        var metrics = new Option<string>("--metrics") { Description = "Record metrics for admin /metrics: on or off.", DefaultValueFactory = _ => "on" };
        metrics.AcceptOnlyFromAmong("on", "off");
        var upstreamClient = new Option<string>("--upstream-client")
        {
            Description = "Client for plain HTTP/1.1 backends: lean (Switchyard's pooled HTTP/1.1 client; HTTP/2, TLS, upgrades and gRPC still go through YARP) or yarp (YARP for everything).",
            DefaultValueFactory = _ => "lean",
        };
        upstreamClient.AcceptOnlyFromAmong("lean", "yarp");
        var inlineIo = new Option<bool>("--inline-io")
        {
            Description = "Process requests on the socket event loops, one per core, instead of handing every I/O completion to the thread pool (sets DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 unless already set).",
            DefaultValueFactory = _ => true,
        };
        var tlsIdleTimeout = new Option<string>("--tls-idle-timeout")
        {
            Description = "Close a connection on a TLS listener (Gateway API protocol TLS) after this long without bytes in either direction, e.g. 1h, 30m, 90s (or seconds).",
            DefaultValueFactory = _ => "1h",
        };
        var maxTlsConnections = new Option<int>("--max-tls-connections")
        {
            Description = "Connections open at once on one TLS listener socket; further ones are reset until some close.",
            DefaultValueFactory = _ => ServeOptions.DataPlaneDefaults.MaxTlsConnections,
            CustomParser = result =>
            {
                // The data plane's own validator holds the range, so the flag refuses exactly what it would refuse at start.
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
                if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
                    || new GatewayDataPlaneOptionsValidator().Validate(null, new GatewayDataPlaneOptions { MaxTlsConnections = limit }).Failed)
                {
                    result.AddError("--max-tls-connections must be a number between 1 and 1000000");
                }

                return limit;
            },
        };
        var command = new Command("serve", "Serve Gateway API and Ingress routing, cluster DNS and the L4 Service proxy (and the admin API) from manifest files.")
        {
            files, watch, noWatch, admin, bindAddress, drain, logLevel, dns, clusterDomain, dnsTtl, dnsUpstream, serviceProxy, probe, nodeName, nodeAddress, serviceCidr, serviceCidrV6, lbPool, logFormat, accessLog, ingressHttp, ingressHttps, ingressSslRedirect, ingressHttpsPublicPort, defaultCertificate, metrics, upstreamClient, inlineIo,
            tlsIdleTimeout, maxTlsConnections,
        };
        command.Validators.Add(result =>
        {
            // Validators see only what was typed; defaults are applied later.
            if (result.GetResult(admin) is not null && !EndpointParser.TryParse(result.GetValue(admin), out _))
            {
                result.AddError("--admin must be ADDR:PORT, e.g. 127.0.0.1:9901");
            }

            if (result.GetResult(bindAddress) is not null && !IPAddress.TryParse(result.GetValue(bindAddress), out _))
            {
                result.AddError("--bind-address must be an IP address");
            }

            if (result.GetResult(dns) is not null && !DnsServerOptions.TryParseListen(result.GetValue(dns)!, out _))
            {
                result.AddError("--dns must be ADDR:PORT or off");
            }

            if (result.GetResult(dnsUpstream) is not null && !DnsServerOptions.TryParseUpstream(result.GetValue(dnsUpstream)!, out _))
            {
                result.AddError("--dns-upstream must be ADDR:PORT or none");
            }

            if (result.GetResult(nodeAddress) is not null && !IPAddress.TryParse(result.GetValue(nodeAddress), out _))
            {
                result.AddError("--node-address must be an IP address");
            }

            if (result.GetResult(dnsTtl) is not null && result.GetValue(dnsTtl) is < 0 or > 86400)
            {
                result.AddError("--dns-ttl must be between 0 and 86400 seconds");
            }

            foreach (var option in new[] { ingressHttp, ingressHttps })
            {
                if (result.GetResult(option) is not null && !TryParseListener(result.GetValue(option), out _))
                {
                    result.AddError($"{option.Name} must be ADDR:PORT (port 1-65535) or off");
                }
            }

            if (result.GetResult(ingressHttpsPublicPort) is not null && result.GetValue(ingressHttpsPublicPort) is < 1 or > 65535)
            {
                result.AddError("--ingress-https-public-port must be between 1 and 65535");
            }

            // The data plane's own validator holds the range, so the flag refuses exactly what it would refuse at start.
            if (result.GetResult(tlsIdleTimeout) is not null)
            {
                if (!DurationParser.TryParse(result.GetValue(tlsIdleTimeout), out var idle))
                {
                    result.AddError("--tls-idle-timeout must be a duration such as 1h, 30m, 90s or 500ms (or a number of seconds)");
                }
                else if (new GatewayDataPlaneOptionsValidator().Validate(null, new GatewayDataPlaneOptions { TlsIdleTimeout = idle }).Failed)
                {
                    result.AddError("--tls-idle-timeout must be more than 0 and at most 7 days (168h)");
                }
            }

            if (result.GetValue(defaultCertificate) is { } certificate && certificate.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                result.AddError("--default-certificate must be NAMESPACE/NAME");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            EndpointParser.TryParse(parse.GetValue(admin), out var adminEndpoint);
            DnsServerOptions.TryParseListen(parse.GetValue(dns)!, out var dnsEndpoint);
            var upstreamText = parse.GetValue(dnsUpstream);
            IPEndPoint? upstream = null;
            if (upstreamText is null)
            {
                upstream = DnsServerOptions.ReadResolvConf();
            }
            else
            {
                DnsServerOptions.TryParseUpstream(upstreamText, out upstream);
            }

            var allocation = new ServiceAllocatorOptions
            {
                ServiceCidrs = [parse.GetValue(serviceCidr)!, parse.GetValue(serviceCidrV6)!],
                LoadBalancerPool = parse.GetValue(lbPool)!,
            };
            var allocationProblems = allocation.Validate();
            if (allocationProblems.Count > 0)
            {
                foreach (var problem in allocationProblems)
                {
                    Console.Error.WriteLine("error: " + problem);
                }

                return ExitCodes.Usage;
            }

            var options = new ServeOptions
            {
                Files = parse.GetValue(files)!,
                Watch = parse.GetValue(watch) && !parse.GetValue(noWatch),
                Admin = adminEndpoint,
                DrainTimeout = TimeSpan.FromSeconds(parse.GetValue(drain)),
                Translator = new TranslatorOptions
                {
                    BindAddress = parse.GetValue(bindAddress)!,
                    ClusterDomain = parse.GetValue(clusterDomain)!,
                    DnsTtl = TimeSpan.FromSeconds(parse.GetValue(dnsTtl)),
                    DnsServerAddress = dnsEndpoint?.Address,
                    NodeName = parse.GetValue(nodeName),
                    NodeAddress = parse.GetValue(nodeAddress),
                    IngressHttp = TryParseListener(parse.GetValue(ingressHttp), out var http) ? http : null,
                    IngressHttps = TryParseListener(parse.GetValue(ingressHttps), out var https) ? https : null,
                    IngressSslRedirect = parse.GetValue(ingressSslRedirect),
                    IngressHttpsPublicPort = parse.GetValue(ingressHttpsPublicPort),
                    DefaultCertificate = parse.GetValue(defaultCertificate),
                },
                Allocation = allocation,
                Dns = dnsEndpoint,
                DnsUpstream = upstream,
                ServiceProxy = parse.GetValue(serviceProxy),
                Probe = parse.GetValue(probe),
                AccessLog = parse.GetValue(accessLog)!,
                Metrics = parse.GetValue(metrics) == "on",
                UpstreamClient = parse.GetValue(upstreamClient) == "yarp" ? Gateway.UpstreamClient.Yarp : Gateway.UpstreamClient.Lean,
                InlineIo = parse.GetValue(inlineIo),
                TlsIdleTimeout = DurationParser.TryParse(parse.GetValue(tlsIdleTimeout), out var idle) ? idle : ServeOptions.DataPlaneDefaults.TlsIdleTimeout,
                MaxTlsConnections = parse.GetValue(maxTlsConnections),
            };
            if (options.InlineIo && Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
            {
                // Read once by System.Net.Sockets when the first socket is created, which has not happened yet.
                Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
            }

            using var loggerFactory = LoggerFactory.Create(b => b
                .AddServeConsole(parse.GetValue(logFormat)!)
                .SetMinimumLevel(parse.GetValue(logLevel))
                // ASP.NET's own lifecycle chatter is noise for a proxy; Switchyard logs what matters itself.
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Yarp", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error));
            return await run(options, loggerFactory, ct);
        });
        return command;
    }

    // "off" is valid and yields null (no listener).
    internal static bool TryParseListener(string? text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        if (string.Equals(text, "off", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!EndpointParser.TryParse(text, out var parsed) || parsed.Port == 0)
        {
            return false;
        }

        endpoint = parsed;
        return true;
    }

    private static async Task<int> RunAsync(ServeOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var server = new SwitchyardServer(options, loggerFactory, TimeProvider.System, Console.Out);
        try
        {
            await server.StartAsync(stop.Token);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: cannot start: {ex.Message}");
            return ExitCodes.StartupFailed;
        }

        await server.RunAsync(stop.Token);
        return ExitCodes.Ok;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
