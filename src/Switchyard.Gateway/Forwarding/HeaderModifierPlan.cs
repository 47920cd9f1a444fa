using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Switchyard.Ir;

namespace Switchyard.Gateway.Forwarding;

/// <summary>
/// A compiled Gateway API header modifier (set, then add, then remove; names case-insensitive). Names that are not
/// valid HTTP header names are dropped at compile time so that applying never throws.
/// </summary>
internal sealed class HeaderModifierPlan
{
    // HttpRequestMessage keeps these on its Content; HttpRequestHeaders throws if asked to remove them.
    private static readonly FrozenSet<string> ContentHeaders = new[]
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly Entry[] _set;
    private readonly Entry[] _add;
    private readonly Entry[] _remove;

    private HeaderModifierPlan(Entry[] set, Entry[] add, Entry[] remove)
    {
        _set = set;
        _add = add;
        _remove = remove;
    }

    public static HeaderModifierPlan? Create(HeaderModifier? modifier, ICollection<string> problems)
    {
        if (modifier is null || (modifier.Set.IsDefaultOrEmpty && modifier.Add.IsDefaultOrEmpty && modifier.Remove.IsDefaultOrEmpty))
        {
            return null;
        }

        var set = new List<Entry>();
        var add = new List<Entry>();
        var remove = new List<Entry>();
        foreach (var (name, value) in modifier.Set.IsDefault ? [] : modifier.Set)
        {
            AddIfValid(set, name, value, problems);
        }

        foreach (var (name, value) in modifier.Add.IsDefault ? [] : modifier.Add)
        {
            AddIfValid(add, name, value, problems);
        }

        foreach (var name in modifier.Remove.IsDefault ? [] : modifier.Remove)
        {
            AddIfValid(remove, name, string.Empty, problems);
        }

        return new HeaderModifierPlan([.. set], [.. add], [.. remove]);
    }

    /// <summary>
    /// The operations in the order <see cref="Apply(HttpRequestMessage)"/> performs them (a set is a remove then an add),
    /// for compiling the lean client's request plan. Content headers apply only to requests that carry content.
    /// </summary>
    public IEnumerable<Http1.HeaderOperation> Operations()
    {
        foreach (var entry in _set)
        {
            yield return new Http1.HeaderOperation(Http1.HeaderOperationKind.Set, entry.Name, entry.Value, entry.IsContent);
        }

        foreach (var entry in _add)
        {
            yield return new Http1.HeaderOperation(Http1.HeaderOperationKind.Add, entry.Name, entry.Value, entry.IsContent);
        }

        foreach (var entry in _remove)
        {
            yield return new Http1.HeaderOperation(Http1.HeaderOperationKind.Remove, entry.Name, string.Empty, entry.IsContent);
        }
    }

    /// <summary>Applies to an outgoing (proxied or mirrored) request.</summary>
    public void Apply(HttpRequestMessage request)
    {
        foreach (var entry in _set)
        {
            Remove(request, entry);
            Add(request, entry);
        }

        foreach (var entry in _add)
        {
            Add(request, entry);
        }

        foreach (var entry in _remove)
        {
            Remove(request, entry);
        }
    }

    /// <summary>Applies to the response sent to the client.</summary>
    public void Apply(IHeaderDictionary headers)
    {
        foreach (var entry in _set)
        {
            headers[entry.Name] = entry.Values;
        }

        foreach (var entry in _add)
        {
            headers.Append(entry.Name, entry.Values);
        }

        foreach (var entry in _remove)
        {
            headers.Remove(entry.Name);
        }
    }

    private static void Add(HttpRequestMessage request, Entry entry)
    {
        if (entry.IsContent)
        {
            request.Content?.Headers.TryAddWithoutValidation(entry.Name, entry.Value);
        }
        else
        {
            request.Headers.TryAddWithoutValidation(entry.Name, entry.Value);
        }
    }

    private static void Remove(HttpRequestMessage request, Entry entry)
    {
        if (entry.IsContent)
        {
            request.Content?.Headers.Remove(entry.Name);
        }
        else
        {
            request.Headers.Remove(entry.Name);
        }
    }

    private static void AddIfValid(List<Entry> entries, string name, string value, ICollection<string> problems)
    {
        // Let HttpClient's own rules decide what a valid name is, once, here.
        using var probe = new HttpRequestMessage();
        var isContent = ContentHeaders.Contains(name);
        var valid = isContent || probe.Headers.TryAddWithoutValidation(name, "x");
        if (!valid || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            problems.Add(string.Concat("header modifier ignored: invalid header ", name));
            return;
        }

        entries.Add(new Entry(name, value, new StringValues(value), isContent));
    }

    private sealed record Entry(string Name, string Value, StringValues Values, bool IsContent);
}
