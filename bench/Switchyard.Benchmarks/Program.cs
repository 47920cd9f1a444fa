using BenchmarkDotNet.Running;
using Switchyard.Benchmarks.Dns;

// `dns-data` and `dns-serve` support bench/dns-vs-knot.sh; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && DnsBenchHost.Handles(args[0]))
{
    return await DnsBenchHost.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(DnsBenchHost).Assembly).Run(args);
return 0;
