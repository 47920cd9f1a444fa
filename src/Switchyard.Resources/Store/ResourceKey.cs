namespace Switchyard.Resources.Store;

/// <summary>Identity of an object: API group, kind, namespace (empty for cluster-scoped kinds) and name.</summary>
public readonly record struct ResourceKey(string Group, string Kind, string Namespace, string Name) : IComparable<ResourceKey>
{
    public int CompareTo(ResourceKey other)
    {
        var c = string.CompareOrdinal(Group, other.Group);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Kind, other.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Namespace, other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>kubectl-style reference: <c>HTTPRoute apps/web</c>, or <c>GatewayClass web</c> when cluster-scoped.</summary>
    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
