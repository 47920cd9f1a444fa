using System.CommandLine;
using Switchyard.Cli.Serving;
using Switchyard.Dns;
using Switchyard.Translation;

namespace Switchyard.Cli.Commands;

/// <summary><c>switchyard dns zone -f PATH</c>: the cluster zone as an RFC 1035 zone file, exactly what serve would answer.</summary>
internal static class DnsCommand
{
    public static Command Create()
    {
        var files = CommonOptions.Files();
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "The cluster DNS zone.", DefaultValueFactory = _ => "cluster.local" };
        var dnsTtl = new Option<int>("--dns-ttl") { Description = "TTL of cluster DNS records, in seconds.", DefaultValueFactory = _ => 5 };
        var zone = new Command("zone", "Print the cluster zone (and reverse zones) as RFC 1035 zone files.")
        {
            files,
            clusterDomain,
            dnsTtl,
        };
        zone.SetAction(parse =>
        {
            var options = new TranslatorOptions
            {
                ClusterDomain = parse.GetValue(clusterDomain)!,
                DnsTtl = TimeSpan.FromSeconds(parse.GetValue(dnsTtl)),
            };
            var pipeline = new ConfigPipeline(parse.GetValue(files)!, options, TimeProvider.System);
            var outcome = pipeline.Reload();
            foreach (var error in outcome.Load.Errors)
            {
                Console.Error.WriteLine("error: " + error);
            }

            DnsZoneWriter.WriteAll(pipeline.Current.Snapshot, Console.Out);
            return outcome.Load.Errors.Count > 0 ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return new Command("dns", "Cluster DNS tools.") { zone };
    }
}
