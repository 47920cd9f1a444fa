using System.CommandLine;
using System.Globalization;
using Switchyard.Cli.Serving;
using Switchyard.Diagnostics.Check;
using Switchyard.Diagnostics.Output;
using Switchyard.Diagnostics.Trace;
using Switchyard.Resources.Loading;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary>
/// <c>switchyard trace -f PATH URL [-X METHOD] [-H 'Name: value']... [--sni NAME] [--from-pod NS/NAME] [-o text|json]</c>: walk one
/// request hop by hop over the manifests, loaded exactly as <c>serve</c> loads them; a <c>grpc://</c> or
/// <c>grpcs://</c> URL is a gRPC call. Exit 0 when a ready endpoint serves it, 1 otherwise, 2 on usage or load errors.
/// </summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        // One value per -f (repeatable), so that "-f PATH URL" leaves the URL to the argument.
        var files = CommonOptions.Files();
        files.AllowMultipleArgumentsPerToken = false;
        var url = new Argument<string>("URL")
        {
            Description = "The URL to trace, e.g. http://web.example.com:8080/api or http://web.apps.svc.cluster.local/; a gRPC call as grpc://HOST:PORT/package.Service/Method (grpcs:// over TLS).",
        };
        var method = new Option<string>("--request", "-X") { Description = "HTTP method (a gRPC call is always POST).", DefaultValueFactory = _ => "GET" };
        var headers = new Option<string[]>("--header", "-H") { Description = "Request header 'Name: value' (gRPC: metadata). Repeatable; Host replaces the URL's.", DefaultValueFactory = _ => [] };
        var sni = new Option<string?>("--sni") { Description = "TLS server name (SNI) to send instead of the URL's host, e.g. a connection opened for another host and reused (https:// and grpcs:// only)." };
        var fromPod = new Option<string?>("--from-pod") { Description = "Send from this Pod (NAMESPACE/NAME): its DNS search path and NetworkPolicies apply." };
        var output = CommonOptions.Output("text", "text", "json");
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster DNS zone.", DefaultValueFactory = _ => "cluster.local" };
        var bindAddress = new Option<string>("--bind-address") { Description = "Address Gateway listeners bind when a Gateway has no spec.addresses (as for serve).", DefaultValueFactory = _ => "0.0.0.0" };
        var ingressHttp = new Option<string>("--ingress-http") { Description = "Ingress HTTP address, ADDR:PORT or off (as for serve).", DefaultValueFactory = _ => "0.0.0.0:8080" };
        var ingressHttps = new Option<string>("--ingress-https") { Description = "Ingress HTTPS address, ADDR:PORT or off (as for serve).", DefaultValueFactory = _ => "0.0.0.0:8443" };
        var now = new Option<string?>("--now") { Description = "Evaluate time-dependent findings (certificate expiry) at this instant (ISO 8601)." };
        var command = new Command("trace", "Walk one request hop by hop: DNS, listener, route and rule, filters, backends, Service, endpoints, NetworkPolicy.")
        {
            files,
            url,
            method,
            headers,
            sni,
            fromPod,
            output,
            clusterDomain,
            bindAddress,
            ingressHttp,
            ingressHttps,
            now,
        };
        command.Validators.Add(result =>
        {
            foreach (var option in new[] { ingressHttp, ingressHttps })
            {
                if (result.GetResult(option) is not null && !ServeCommand.TryParseListener(result.GetValue(option), out _))
                {
                    result.AddError($"{option.Name} must be ADDR:PORT (port 1-65535) or off");
                }
            }

            if (result.GetValue(fromPod) is { } pod && pod.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                result.AddError("--from-pod must be NAMESPACE/NAME");
            }
        });
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var request = TraceRequest.Parse(parse.GetValue(url)!, out var error)?.WithHeaders(parse.GetValue(headers)!, out error);
            if (request is null)
            {
                stderr.WriteLine("error: " + error);
                return ExitCodes.Usage;
            }

            TimeProvider time = TimeProvider.System;
            if (parse.GetValue(now) is { } instantText)
            {
                if (!DateTimeOffset.TryParse(instantText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                {
                    stderr.WriteLine("error: --now: not a date and time: " + instantText);
                    return ExitCodes.Usage;
                }

                time = new FixedTimeProvider(instant);
            }

            if (request.Grpc && parse.GetResult(method) is { Implicit: false } && !string.Equals(parse.GetValue(method), "POST", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine("error: -X: a gRPC call is always POST");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(sni) is { } serverName)
            {
                if (request.Scheme != Uri.UriSchemeHttps)
                {
                    stderr.WriteLine("error: --sni: only a TLS request (https:// or grpcs://) sends a server name");
                    return ExitCodes.Usage;
                }

                if (Uri.CheckHostName(serverName) != UriHostNameType.Dns)
                {
                    stderr.WriteLine("error: --sni: not a DNS name: " + serverName);
                    return ExitCodes.Usage;
                }

                request = request with { Sni = serverName.TrimEnd('.').ToLowerInvariant() };
            }

            request = request with { Method = request.Grpc ? request.Method : parse.GetValue(method)!.ToUpperInvariant(), FromPod = parse.GetValue(fromPod) };
            ServeCommand.TryParseListener(parse.GetValue(ingressHttp), out var http);
            ServeCommand.TryParseListener(parse.GetValue(ingressHttps), out var https);
            var options = new TranslatorOptions
            {
                ClusterDomain = parse.GetValue(clusterDomain)!,
                BindAddress = parse.GetValue(bindAddress)!,
                IngressHttp = http,
                IngressHttps = https,
            };
            var (context, load) = Load(parse.GetValue(files)!, options, time, out var problems);
            foreach (var loadError in load.Errors)
            {
                stderr.WriteLine("error: " + loadError);
            }

            foreach (var problem in problems)
            {
                stderr.WriteLine("error: invalid snapshot (serve would keep serving the previous one): " + problem);
            }

            var report = Walk(context, request, options);

            if (report is null)
            {
                stderr.WriteLine($"error: --from-pod: Pod {request.FromPod} is not in the manifests");
                return ExitCodes.Usage;
            }

            stdout.Write(TracePrinter.Format(report, parse.GetValue(output)!));
            return load.Errors.Count > 0 || problems.Count > 0 ? ExitCodes.Usage : report.Served ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    /// <summary>Walks <paramref name="request"/>; null when its <c>--from-pod</c> Pod does not exist.</summary>
    internal static TraceReport? Walk(CheckContext context, TraceRequest request, TranslatorOptions options)
    {
        if (request.FromPod is not null && TraceWalker.FindPod(context, request.FromPod) is null)
        {
            return null;
        }

        return TraceWalker.Run(context, request, options.ClusterDomain);
    }

    /// <summary>What a trace reads: the store and the translation <c>serve</c> would publish for these manifests.</summary>
    internal static (CheckContext Context, LoadResult Load) Load(IReadOnlyList<string> paths, TranslatorOptions options, TimeProvider time) =>
        Load(paths, options, time, out _);

    /// <summary>
    /// Loads and translates the manifests through the pipeline <c>serve</c> uses (EndpointSlice controller and address
    /// allocation included).
    /// </summary>
    /// <param name="paths">Manifest files and directories.</param>
    /// <param name="options">Translation settings, as given to serve.</param>
    /// <param name="time">The clock.</param>
    /// <param name="snapshotProblems">Why serve would refuse the translated snapshot (then nothing would be served).</param>
    internal static (CheckContext Context, LoadResult Load) Load(IReadOnlyList<string> paths, TranslatorOptions options, TimeProvider time, out IReadOnlyList<string> snapshotProblems)
    {
        var pipeline = new ConfigPipeline(paths, options, time);
        var outcome = pipeline.Reload();
        snapshotProblems = outcome.SnapshotProblems;
        return (new CheckContext(pipeline.Store.Current, outcome.Published ?? pipeline.Current, time.GetUtcNow()), outcome.Load);
    }
}
