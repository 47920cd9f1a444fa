using System.Net;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Dns;
using Switchyard.Ir;
using Switchyard.Resources.Loading;
using Switchyard.Resources.Store;
using Switchyard.Translation;

namespace Switchyard.Benchmarks.Dns;

/// <summary>
/// Commands for bench/dns-vs-knot.sh until the CLI has <c>serve --dns</c> and <c>dns zone</c>:
/// <c>dns-data DIR</c> writes the synthetic cluster, its zone files and a dnsperf query file;
/// <c>dns-serve MANIFEST ADDR:PORT</c> serves the cluster's DNS until stdin closes or the process is killed.
/// </summary>
internal static class DnsBenchHost
{
    public static bool Handles(string command) => command is "dns-data" or "dns-serve";

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["dns-data", var dir]:
                {
                    Directory.CreateDirectory(dir);
                    var manifests = BenchCluster.Manifests();
                    await File.WriteAllTextAsync(Path.Combine(dir, "cluster.yaml"), manifests);
                    var snapshot = Translate(manifests);
                    foreach (var zone in (string[])["cluster.local.", "in-addr.arpa.", "ip6.arpa."])
                    {
                        await using var writer = new StreamWriter(Path.Combine(dir, zone + "zone")) { NewLine = "\n" };
                        DnsZoneWriter.Write(snapshot, writer, zone);
                    }

                    await File.WriteAllLinesAsync(Path.Combine(dir, "queries.txt"), BenchCluster.Queries());
                    Console.WriteLine($"wrote {snapshot.Dns.Records.Length} records and 10000 queries to {dir}");
                    return 0;
                }

            case ["dns-serve", var manifest, var listen]:
                {
                    if (!DnsServerOptions.TryParseListen(listen, out var endpoint) || endpoint is null)
                    {
                        Console.Error.WriteLine($"bad listen address {listen}");
                        return 2;
                    }

                    var snapshot = Translate(await File.ReadAllTextAsync(manifest));
                    await using var server = new DnsServer(new DnsServerOptions());
                    server.ApplySnapshot(snapshot);
                    await server.StartAsync(endpoint);
                    Console.WriteLine($"serving {snapshot.Dns.Records.Length} records on {server.LocalEndPoint}");
                    using var stop = new CancellationTokenSource();
                    Console.CancelKeyPress += (_, e) =>
                    {
                        e.Cancel = true;
                        stop.Cancel();
                    };
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    return 0;
                }

            default:
                Console.Error.WriteLine("usage: dns-data DIR | dns-serve MANIFEST ADDR:PORT");
                return 2;
        }
    }

    public static Snapshot Translate(string manifests)
    {
        var load = ManifestLoader.LoadString("cluster.yaml", manifests, DateTime.UnixEpoch);
        var store = new ResourceStore();
        store.ReplaceAll(load);
        var translator = new Translator(new TranslatorOptions(), new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        return translator.Translate(store.Current, generation: 1).Snapshot;
    }
}
