using System.Collections.Concurrent;

namespace Switchyard.ServiceProxy;

/// <summary>
/// sessionAffinity ClientIP: the endpoint each client IP last went to and when, as kube-proxy's <c>recent</c> match
/// keeps it. An entry lives for the timeout after the client's last new connection (or UDP flow).
/// </summary>
internal sealed class AffinityTable
{
    private readonly ConcurrentDictionary<ClientKey, Entry> _entries = new();

    public int Count => _entries.Count;

    /// <summary>The remembered endpoint when it is fresh and still allowed; refreshes its time.</summary>
    public EndpointState? Lookup(ClientKey client, EndpointState[] allowed, long now, long timeout)
    {
        if (!_entries.TryGetValue(client, out var entry))
        {
            return null;
        }

        if (now - Volatile.Read(ref entry.LastUsed) > timeout || Array.IndexOf(allowed, entry.Endpoint) < 0)
        {
            return null;
        }

        Volatile.Write(ref entry.LastUsed, now);
        return entry.Endpoint;
    }

    public void Remember(ClientKey client, EndpointState endpoint, long now) =>
        _entries[client] = new Entry(endpoint, now);

    public void Sweep(long now, long timeout)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - Volatile.Read(ref entry.LastUsed) > timeout)
            {
                _entries.TryRemove(new KeyValuePair<ClientKey, Entry>(key, entry));
            }
        }
    }

    public void Clear() => _entries.Clear();

    private sealed class Entry(EndpointState endpoint, long lastUsed)
    {
        public readonly EndpointState Endpoint = endpoint;
        public long LastUsed = lastUsed;
    }
}
