using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Ir;
using Switchyard.Ir.ServiceProxy;
using Switchyard.ServiceProxy;

// Usage: Switchyard.L4Bench [tcp|udp] <frontend ip:port>=<endpoint ip:port>...
// Serves one Service port per pair (the frontend as a cluster IP) until SIGTERM or Ctrl-C.
var protocol = args.Length > 0 && args[0] == "udp" ? ServiceProxyProtocol.Udp : ServiceProxyProtocol.Tcp;
var rules = new List<ServiceProxyRule>();
foreach (var pair in args.Where(a => a.Contains('=', StringComparison.Ordinal)))
{
    var parts = pair.Split('=', 2);
    if (!IPEndPoint.TryParse(parts[0], out var frontend) || !IPEndPoint.TryParse(parts[1], out var endpoint))
    {
        Console.Error.WriteLine("bad pair " + pair);
        return 2;
    }

    rules.Add(new ServiceProxyRule
    {
        Id = "service/bench/upstream/port/" + frontend.Port,
        Service = "bench/upstream",
        Protocol = protocol,
        Frontends = [new ServiceProxyFrontend { Address = frontend.Address.ToString(), Port = frontend.Port, Kind = ServiceProxyFrontendKind.ClusterIP }],
        Endpoints = [new ServiceProxyEndpoint { Address = endpoint.Address.ToString(), Port = endpoint.Port, Ready = true, Serving = true, Local = true, ReceivesInternal = true, ReceivesExternal = true }],
    });
}

if (rules.Count == 0)
{
    Console.Error.WriteLine("usage: Switchyard.L4Bench [tcp|udp] <frontend ip:port>=<endpoint ip:port>...");
    return 2;
}

var snapshot = new Snapshot { Generation = 1, ServiceProxy = [.. rules] };

await using var proxy = new ServiceProxyDataPlane(new ServiceProxyOptions(), TimeProvider.System, NullLogger<ServiceProxyDataPlane>.Instance);
foreach (var binding in await proxy.ApplyAsync(snapshot))
{
    Console.WriteLine(binding);
    if (binding.State != FrontendBindingState.Bound)
    {
        return 1;
    }
}

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
