using System.Collections.Immutable;
using Switchyard.Gateway.Routing;
using Switchyard.Ir;

namespace Switchyard.Gateway.Tls;

/// <summary>
/// SNI selection over a listener's certificates: exact hostname, then the longest wildcard, then the catch-all; a
/// client sending no (or an unknown) name gets the catch-all or else the listener's first certificate, unless the
/// listener is strict (<see cref="Listener.StrictSni"/>). The handshake code uses it with loaded certificates,
/// <c>switchyard trace</c> with the IR certificates themselves.
/// </summary>
internal sealed class SniTable<T>
    where T : class
{
    private readonly HostLookup<T> _lookup;
    private readonly T? _default;

    private SniTable(HostLookup<T> lookup, T? fallback)
    {
        _lookup = lookup;
        _default = lookup.CatchAll ?? fallback;
    }

    /// <param name="listener">The listener whose certificates to index, in IR order.</param>
    /// <param name="load">Turns a certificate into the selected value; null leaves it out (e.g. unparsable).</param>
    public static SniTable<T> Build(Listener listener, Func<TlsCertificate, T?> load) => Build(listener.Certificates, listener.StrictSni, load);

    /// <param name="certificates">The certificates to index, most specific hostname first.</param>
    /// <param name="strictSni">Refuse names no certificate matches instead of falling back to the first one.</param>
    /// <param name="load">Turns a certificate into the selected value; null leaves it out (e.g. unparsable).</param>
    public static SniTable<T> Build(ImmutableArray<TlsCertificate> certificates, bool strictSni, Func<TlsCertificate, T?> load)
    {
        var entries = new List<HostEntry<T>>();
        T? first = null;
        foreach (var certificate in certificates.IsDefault ? [] : certificates)
        {
            if (load(certificate) is { } value)
            {
                first ??= value;
                entries.Add(new(certificate.Hostname, certificate.Wildcard == WildcardMatch.SingleLabel, value));
            }
        }

        return new SniTable<T>(HostLookup<T>.Build(entries), strictSni ? null : first);
    }

    /// <summary>The value for <paramref name="serverName"/>, or null when none may be served.</summary>
    public T? Select(string? serverName) =>
        string.IsNullOrEmpty(serverName) ? _default : _lookup.Find(serverName.AsSpan().TrimEnd('.')) ?? _default;
}
