using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// The ReferenceGrants of a store snapshot, by namespace. A cross-namespace reference is allowed when a grant in the
/// target namespace lists the referring (group, kind, namespace) in <c>from</c> and the target (group, kind, optionally
/// name) in <c>to</c>; entries within each list are ORed.
/// </summary>
internal sealed class ReferenceGrants
{
    private readonly Dictionary<string, List<ReferenceGrant>> _byNamespace;

    private ReferenceGrants(Dictionary<string, List<ReferenceGrant>> byNamespace) => _byNamespace = byNamespace;

    public static ReferenceGrants From(StoreSnapshot store)
    {
        var byNamespace = new Dictionary<string, List<ReferenceGrant>>(StringComparer.Ordinal);
        foreach (var grant in store.OfType<ReferenceGrant>())
        {
            var ns = grant.Metadata.NamespaceProperty ?? string.Empty;
            if (!byNamespace.TryGetValue(ns, out var list))
            {
                byNamespace[ns] = list = [];
            }

            list.Add(grant);
        }

        return new ReferenceGrants(byNamespace);
    }

    /// <summary>True for same-namespace references, or when some grant in <paramref name="toNamespace"/> allows the reference.</summary>
    public bool Allows(string fromGroup, string fromKind, string fromNamespace, string toGroup, string toKind, string toNamespace, string toName)
    {
        if (string.Equals(fromNamespace, toNamespace, StringComparison.Ordinal))
        {
            return true;
        }

        if (!_byNamespace.TryGetValue(toNamespace, out var grants))
        {
            return false;
        }

        foreach (var grant in grants)
        {
            var fromMatches = (grant.Spec.From ?? []).Any(f => f is not null
                && string.Equals(f.Group ?? string.Empty, fromGroup, StringComparison.Ordinal)
                && string.Equals(f.Kind, fromKind, StringComparison.Ordinal)
                && string.Equals(f.Namespace, fromNamespace, StringComparison.Ordinal));
            var toMatches = (grant.Spec.To ?? []).Any(t => t is not null
                && string.Equals(t.Group ?? string.Empty, toGroup, StringComparison.Ordinal)
                && string.Equals(t.Kind, toKind, StringComparison.Ordinal)
                && (string.IsNullOrEmpty(t.Name) || string.Equals(t.Name, toName, StringComparison.Ordinal)));
            if (fromMatches && toMatches)
            {
                return true;
            }
        }

        return false;
    }
}
