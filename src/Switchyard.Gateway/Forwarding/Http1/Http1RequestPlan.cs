using System.Collections.Frozen;

namespace Switchyard.Gateway.Forwarding.Http1;

/// <summary>
/// How the lean client writes a rule's request headers, compiled once per (rule, backend) from the same pieces the
/// YARP transformer applies, with the same result: the client's headers minus hop-by-hop ones, X-Forwarded-For/
/// -Proto/-Host appended, the URL rewrite's Host, then the rule's and the backend's modifiers (set, add, remove).
/// Each header name any of these touch gets one entry saying whether the client's values are kept and which values
/// follow them, so writing needs one table lookup per client header and no per-request collections.
/// </summary>
internal sealed class Http1RequestPlan
{
    /// <summary>Headers never forwarded (RFC 9110 §7.6.1 hop-by-hop fields, as the YARP path drops them, plus Trailer
    /// and Expect, which the lean client handles itself), and framing headers modifiers cannot change.</summary>
    private static readonly string[] Skipped =
    [
        "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "Proxy-Authenticate",
        "Proxy-Authentication-Info", "Proxy-Authorization", "Proxy-Features", "Proxy-Instruction", "Security-Scheme",
        "ALPN", "Close", "HTTP2-Settings", "Upgrade-Insecure-Requests", "TE", "Alt-Svc", "Trailer", "Expect",
    ];

    private static readonly FrozenSet<string> ContentHeaders = new[]
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Entry> _entries;

    private Http1RequestPlan(FrozenDictionary<string, Entry> entries, Entry[] touched, UrlRewritePlan? rewrite, bool hasContentOperations, bool setsHost)
    {
        _entries = entries;
        Touched = touched;
        Rewrite = rewrite;
        HasContentOperations = hasContentOperations;
        SetsHost = setsHost;
    }

    /// <summary>Entries that write values (in the order they were first touched), for headers the client did not send.</summary>
    public Entry[] Touched { get; }

    public UrlRewritePlan? Rewrite { get; }

    /// <summary>True when a modifier changes a content header (those apply only to requests that carry content).</summary>
    public bool HasContentOperations { get; }

    /// <summary>True when the plan decides the Host header (URL rewrite or modifier).</summary>
    public bool SetsHost { get; }

    public static bool IsContentHeader(string name) => ContentHeaders.Contains(name);

    public bool TryGetEntry(string name, out Entry entry) => _entries.TryGetValue(name, out entry!);

    public static Http1RequestPlan Create(UrlRewritePlan? rewrite, HeaderModifierPlan? ruleRequest, HeaderModifierPlan? backendRequest)
    {
        var builders = new Dictionary<string, Builder>(StringComparer.OrdinalIgnoreCase);
        var order = new List<Builder>();
        Builder Get(string name)
        {
            if (!builders.TryGetValue(name, out var builder))
            {
                builders[name] = builder = new Builder(name, order.Count);
                order.Add(builder);
            }

            return builder;
        }

        Get("X-Forwarded-For").Append(new PlanValue(PlanValueSource.ClientAddress, null));
        Get("X-Forwarded-Proto").Append(new PlanValue(PlanValueSource.Scheme, null));
        Get("X-Forwarded-Host").Append(new PlanValue(PlanValueSource.Host, null));
        var setsHost = false;
        if (rewrite?.Hostname is { } hostname)
        {
            Get("Host").Set(hostname);
            setsHost = true;
        }

        var hasContentOperations = false;
        foreach (var operation in (ruleRequest?.Operations() ?? []).Concat(backendRequest?.Operations() ?? []))
        {
            if (Skipped.Contains(operation.Name, StringComparer.OrdinalIgnoreCase)
                || string.Equals(operation.Name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                // Framing and hop-by-hop headers belong to the connection, not to the route.
                continue;
            }

            var builder = Get(operation.Name);
            builder.IsContent = operation.IsContent;
            hasContentOperations |= operation.IsContent;
            setsHost |= string.Equals(operation.Name, "Host", StringComparison.OrdinalIgnoreCase);
            switch (operation.Kind)
            {
                case HeaderOperationKind.Set:
                    builder.Rename(operation.Name);
                    builder.Set(operation.Value);
                    break;
                case HeaderOperationKind.Add:
                    builder.Append(new PlanValue(PlanValueSource.Literal, operation.Value));
                    break;
                default:
                    builder.Rename(operation.Name);
                    builder.Remove();
                    break;
            }
        }

        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Skipped)
        {
            entries[name] = new Entry(name, -1, Skip: true, KeepOriginal: false, [], IsContent: false);
        }

        var touched = order.Select(b => new Entry(b.Name, b.Index, Skip: false, b.KeepOriginal, [.. b.Values], b.IsContent)).ToArray();
        foreach (var entry in touched)
        {
            entries[entry.Name] = entry;
        }

        return new Http1RequestPlan(entries.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), touched, rewrite, hasContentOperations, setsHost);
    }

    /// <summary>One header name's fate: skipped, or the client's values (if kept) followed by <see cref="Values"/>.</summary>
    internal sealed record Entry(string Name, int Index, bool Skip, bool KeepOriginal, PlanValue[] Values, bool IsContent);

    private sealed class Builder(string name, int index)
    {
        public string Name { get; private set; } = name;

        public int Index { get; } = index;

        public bool KeepOriginal { get; private set; } = true;

        public bool IsContent { get; set; }

        public List<PlanValue> Values { get; } = [];

        public void Append(PlanValue value) => Values.Add(value);

        public void Set(string value)
        {
            Remove();
            Values.Add(new PlanValue(PlanValueSource.Literal, value));
        }

        public void Remove()
        {
            // A removed (or replaced) header is written with the modifier's spelling, as HttpClient would.
            KeepOriginal = false;
            Values.Clear();
        }

        public void Rename(string name) => Name = name;
    }
}
