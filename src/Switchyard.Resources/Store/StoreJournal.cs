namespace Switchyard.Resources.Store;

/// <summary>
/// The keys each recent store change touched, so a controller can process only what changed since the revision it
/// last saw. Bounded: the oldest entries go first, and a reader asking from before them gets no answer (and then
/// compares everything). Not thread-safe: <see cref="ResourceStore"/> uses it under its lock.
/// </summary>
internal sealed class StoreJournal
{
    private readonly int _maxEntries;
    private readonly int _maxKeys;
    private readonly Queue<Entry> _entries = new();
    private int _keys;

    public StoreJournal(int maxEntries, int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeys, 1);
        _maxEntries = maxEntries;
        _maxKeys = maxKeys;
    }

    /// <summary>Records that the change from revision <paramref name="from"/> to <paramref name="to"/> touched <paramref name="keys"/>.</summary>
    public void Append(long from, long to, ResourceKey[] keys)
    {
        _entries.Enqueue(new Entry(from, to, keys));
        _keys += keys.Length;
        // The newest entry always stays, however large: a reader that synced just before it can still catch up.
        while (_entries.Count > 1 && (_entries.Count > _maxEntries || _keys > _maxKeys))
        {
            _keys -= _entries.Dequeue().Keys.Length;
        }
    }

    /// <summary>
    /// Every key changed after revision <paramref name="since"/> up to revision <paramref name="until"/>, each once;
    /// false when the journal does not cover that whole range.
    /// </summary>
    public bool TryGetChanges(long since, long until, out IReadOnlyCollection<ResourceKey> keys)
    {
        keys = [];
        if (since == until)
        {
            return true;
        }

        if (since > until)
        {
            return false;
        }

        ResourceKey[]? single = null;
        HashSet<ResourceKey>? union = null;
        var at = since;
        foreach (var entry in _entries)
        {
            if (entry.To <= at)
            {
                continue;
            }

            // Entries are contiguous, so the first one after `since` must start exactly there.
            if (entry.From != at || entry.To > until)
            {
                return false;
            }

            if (single is null && union is null)
            {
                single = entry.Keys;
            }
            else
            {
                union ??= [.. single!];
                union.UnionWith(entry.Keys);
            }

            at = entry.To;
            if (at == until)
            {
                keys = union is not null ? union : single!;
                return true;
            }
        }

        return false;
    }

    private readonly record struct Entry(long From, long To, ResourceKey[] Keys);
}
