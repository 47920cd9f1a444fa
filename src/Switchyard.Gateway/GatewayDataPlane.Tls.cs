using System.Net;
using Switchyard.Gateway.Forwarding;
using Switchyard.Gateway.TlsRouting;
using Switchyard.Ir;
using Switchyard.Ir.TlsRouting;

namespace Switchyard.Gateway;

/// <summary>TLS listeners: compiled with the rest of a snapshot, bound and swapped alongside the HTTP listeners.</summary>
public sealed partial class GatewayDataPlane
{
    private readonly TlsRoutingContext _tls;
    private readonly Dictionary<string, TlsListenerHost> _tlsHosts = new(StringComparer.Ordinal);

    private TlsPlan CompileTls(Snapshot snapshot, Dictionary<string, CompiledCluster> clusters)
    {
        var plan = new TlsPlan();
        foreach (var listener in snapshot.TlsListeners.IsDefault ? [] : snapshot.TlsListeners)
        {
            if (!IPAddress.TryParse(listener.Address, out var address) || listener.Port is < 0 or > 65535)
            {
                plan.Invalid[listener.Id] = string.Concat("invalid listener address ", listener.Address, ":", listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var key = new IPEndPoint(address, listener.Port).ToString();
            if (plan.Desired.ContainsKey(key) || (listener.Port != 0 && snapshot.Listeners.Any(l => l.Port == listener.Port && string.Equals(l.Address, listener.Address, StringComparison.Ordinal))))
            {
                plan.Invalid[listener.Id] = string.Concat("duplicate listener binding ", key);
                continue;
            }

            var problems = new List<string>();
            var compiled = CompiledTlsListener.Create(listener, snapshot.Generation, clusters, _certificates, problems);
            foreach (var problem in problems)
            {
                Log.CompileProblem(_logger, listener.Id, problem);
            }

            plan.Desired[key] = compiled;
            plan.Keys[listener] = key;
        }

        return plan;
    }

    /// <summary>TLS hosts whose binding left (or now serves HTTP) stop; a binding taken over by HTTP is freed before it is bound again.</summary>
    private void StopTlsHosts(CompilePlan plan, List<Task> rebinding)
    {
        foreach (var (key, host) in _tlsHosts.ToList())
        {
            if (plan.Tls.Desired.ContainsKey(key))
            {
                continue;
            }

            _tlsHosts.Remove(key);
            if (plan.Desired.ContainsKey(key))
            {
                rebinding.Add(DrainTlsAsync(host));
            }
            else
            {
                _draining.Add(DrainTlsAsync(host));
            }
        }
    }

    private void SwapTlsHosts(CompilePlan plan)
    {
        foreach (var (key, compiled) in plan.Tls.Desired)
        {
            if (_tlsHosts.TryGetValue(key, out var host))
            {
                host.Swap(compiled);
            }
        }
    }

    private ListenerBindResult BindTls(TlsListener listener, CompilePlan plan)
    {
        if (plan.Tls.Invalid.TryGetValue(listener.Id, out var reason) || !plan.Tls.Keys.TryGetValue(listener, out var key))
        {
            reason ??= "listener not compiled";
            Log.BindFailed(_logger, listener.Id, listener.Address, listener.Port, reason);
            return new ListenerBindResult { ListenerId = listener.Id, Owners = listener.Owners, Success = false, Error = reason };
        }

        if (!_tlsHosts.TryGetValue(key, out var host))
        {
            var endPoint = new IPEndPoint(IPAddress.Parse(listener.Address), listener.Port);
            host = new TlsListenerHost(endPoint, plan.Tls.Desired[key], _tls);
            if (host.Start() is { } error)
            {
                Log.BindFailed(_logger, listener.Id, listener.Address, listener.Port, error);
                return new ListenerBindResult
                {
                    ListenerId = listener.Id,
                    Owners = listener.Owners,
                    Success = false,
                    Error = error,
                    AddressNotAssigned = !Hosting.HostAddresses.IsAssigned(endPoint.Address),
                };
            }

            _tlsHosts[key] = host;
            Log.Bound(_logger, listener.Id, host.BoundEndPoint!.ToString(), ListenerProtocol.Tls);
        }

        return new ListenerBindResult { ListenerId = listener.Id, Owners = listener.Owners, Success = true, EndPoint = host.BoundEndPoint };
    }

    private async Task DrainTlsAsync(TlsListenerHost host)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        drain.CancelAfter(_options.DrainTimeout);
        await StopTlsHostAsync(host, drain.Token).ConfigureAwait(false);
    }

    private async Task StopTlsHostAsync(TlsListenerHost host, CancellationToken cancellationToken)
    {
        await host.StopAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(_logger, (host.BoundEndPoint ?? host.EndPoint).ToString());
    }

    private sealed class TlsPlan
    {
        public Dictionary<string, CompiledTlsListener> Desired { get; } = new(StringComparer.Ordinal);

        public Dictionary<TlsListener, string> Keys { get; } = new(ReferenceEqualityComparer.Instance);

        public Dictionary<string, string> Invalid { get; } = new(StringComparer.Ordinal);
    }
}
