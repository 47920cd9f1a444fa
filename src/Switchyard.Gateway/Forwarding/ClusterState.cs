using System.Collections.Immutable;
using System.Net;
using System.Net.Security;
using Switchyard.Ir;
using Yarp.ReverseProxy.Forwarder;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// Live state of one backend cluster, kept across snapshots while its settings (id, protocol, TLS, timeouts) are
/// unchanged: the pooled <see cref="HttpMessageInvoker"/> and the <see cref="EndpointState"/> of each endpoint.
/// </summary>
internal sealed class ClusterState : IDisposable
{
    // Only touched while a snapshot is applied (under the data plane's apply lock).
    private readonly Dictionary<(string Address, int Port), EndpointState> _endpoints = [];

    private readonly Func<EndpointState, Http1.Http1ConnectionPool?>? _http1;

    public ClusterState(BackendCluster cluster, GatewayDataPlaneOptions options, TimeProvider time)
    {
        var protocol = cluster.Protocol;
        var tls = cluster.Tls;
        Id = cluster.Id;
        Protocol = protocol;
        Tls = tls;
        ConnectTimeout = cluster.ConnectTimeout;
        ReadTimeout = cluster.ReadTimeout;
        Scheme = protocol == BackendProtocol.Https ? "https" : "http";
        var activityTimeout = cluster.ReadTimeout ?? options.UpstreamActivityTimeout;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            ConnectTimeout = cluster.ConnectTimeout ?? options.ConnectTimeout,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        };
        if (protocol == BackendProtocol.Https && tls is { Verify: true })
        {
            // BackendTLSPolicy: the policy's hostname as SNI, its trust, the Gateway's client certificate.
            var connector = new BackendTlsConnector(tls);
            handler.ConnectCallback = connector.ConnectAsync;
        }
        else if (protocol == BackendProtocol.Https && tls is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = static (_, _, _, _) => true,
            };
        }

        Invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        if (options.UpstreamClient == UpstreamClient.Lean && protocol is BackendProtocol.Http1 or BackendProtocol.WebSocket)
        {
            var connectTimeout = cluster.ConnectTimeout ?? options.ConnectTimeout;
            _http1 = endpoint => new Http1.Http1ConnectionPool(
                new IPEndPoint(IPAddress.Parse(endpoint.Address), endpoint.Port), endpoint.Authority, time, connectTimeout, options.PooledConnectionIdleTimeout, activityTimeout);
        }

        RequestConfig = protocol switch
        {
            // Prior knowledge: HTTP/2 without TLS and without an upgrade round trip.
            BackendProtocol.H2C => new ForwarderRequestConfig
            {
                ActivityTimeout = activityTimeout,
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            },

            // TLS: ALPN picks h2 when the backend offers it.
            BackendProtocol.Https => new ForwarderRequestConfig
            {
                ActivityTimeout = activityTimeout,
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            },
            _ => new ForwarderRequestConfig
            {
                ActivityTimeout = activityTimeout,
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            },
        };
    }

    public string Id { get; }

    public BackendProtocol Protocol { get; }

    public BackendTls? Tls { get; }

    public TimeSpan? ConnectTimeout { get; }

    public TimeSpan? ReadTimeout { get; }

    public string Scheme { get; }

    public HttpMessageInvoker Invoker { get; }

    public ForwarderRequestConfig RequestConfig { get; }

    /// <summary>The endpoints for a new snapshot, reusing the state of those already known.</summary>
    public EndpointState[] UpdateEndpoints(ImmutableArray<BackendEndpoint> endpoints)
    {
        var result = new EndpointState[endpoints.IsDefault ? 0 : endpoints.Length];
        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < result.Length; i++)
        {
            var key = (endpoints[i].Address, endpoints[i].Port);
            seen.Add(key);
            if (!_endpoints.TryGetValue(key, out var state))
            {
                _endpoints[key] = state = new EndpointState(Scheme, key.Address, key.Port, _http1);
            }

            result[i] = state;
        }

        foreach (var key in _endpoints.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            // Requests still using it return their connections to a disposed pool, which closes them.
            _endpoints[key].Http1?.Dispose();
            _endpoints.Remove(key);
        }

        return result;
    }

    /// <summary>True when this state can serve <paramref name="cluster"/> (same connection settings).</summary>
    public bool Serves(BackendCluster cluster) =>
        Protocol == cluster.Protocol && Equals(Tls, cluster.Tls) && ConnectTimeout == cluster.ConnectTimeout && ReadTimeout == cluster.ReadTimeout;

    public void Dispose()
    {
        Invoker.Dispose();
        foreach (var endpoint in _endpoints.Values)
        {
            endpoint.Http1?.Dispose();
        }
    }
}
