using k8s.Models;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Field-by-field comparison of a stored slice with a desired one, covering every field the controller writes, so
/// <see cref="EndpointSliceController.Sync"/> can keep unchanged slices without serializing them. Fields the store
/// assigns (resourceVersion, generation, uid) are ignored.
/// </summary>
internal static class SliceEquality
{
    public static bool Same(V1EndpointSlice stored, V1EndpointSlice desired)
    {
        var a = stored.Metadata;
        var b = desired.Metadata;
        if (!Eq(stored.AddressType, desired.AddressType)
            || !Eq(stored.ApiVersion, desired.ApiVersion)
            || !Eq(a.Name, b.Name)
            || !Eq(a.NamespaceProperty, b.NamespaceProperty)
            || a.CreationTimestamp != b.CreationTimestamp
            || a.DeletionTimestamp is not null
            || a.Annotations is { Count: > 0 }
            || a.Finalizers is { Count: > 0 }
            || !SameMap(a.Labels, b.Labels)
            || !SameList(a.OwnerReferences, b.OwnerReferences, SameOwner)
            || !SameList(stored.Ports, desired.Ports, SamePort)
            || !SameList(stored.Endpoints, desired.Endpoints, SameEndpoint))
        {
            return false;
        }

        return true;
    }

    private static bool SameOwner(V1OwnerReference x, V1OwnerReference y) =>
        Eq(x.ApiVersion, y.ApiVersion) && Eq(x.Kind, y.Kind) && Eq(x.Name, y.Name) && Eq(x.Uid, y.Uid)
        && x.Controller == y.Controller && x.BlockOwnerDeletion == y.BlockOwnerDeletion;

    private static bool SamePort(Discoveryv1EndpointPort x, Discoveryv1EndpointPort y) =>
        Eq(x.Name, y.Name) && x.Port == y.Port && Eq(x.Protocol, y.Protocol) && Eq(x.AppProtocol, y.AppProtocol);

    private static bool SameEndpoint(V1Endpoint x, V1Endpoint y) =>
        SameList(x.Addresses, y.Addresses, Eq)
        && x.Conditions?.Ready == y.Conditions?.Ready
        && x.Conditions?.Serving == y.Conditions?.Serving
        && x.Conditions?.Terminating == y.Conditions?.Terminating
        && (x.Conditions is null) == (y.Conditions is null)
        && Eq(x.Hostname, y.Hostname)
        && Eq(x.NodeName, y.NodeName)
        && Eq(x.Zone, y.Zone)
        && x.DeprecatedTopology is not { Count: > 0 }
        && SameTarget(x.TargetRef, y.TargetRef)
        && SameHints(x.Hints, y.Hints);

    private static bool SameTarget(V1ObjectReference? x, V1ObjectReference? y) =>
        x is null || y is null
            ? x is null && y is null
            : Eq(x.Kind, y.Kind) && Eq(x.NamespaceProperty, y.NamespaceProperty) && Eq(x.Name, y.Name) && Eq(x.Uid, y.Uid)
              && Eq(x.ApiVersion, y.ApiVersion) && Eq(x.ResourceVersion, y.ResourceVersion) && Eq(x.FieldPath, y.FieldPath);

    private static bool SameHints(V1EndpointHints? x, V1EndpointHints? y) =>
        x is null || y is null
            ? x is null && y is null
            : SameList(x.ForZones, y.ForZones, (p, q) => Eq(p.Name, q.Name)) && SameList(x.ForNodes, y.ForNodes, (p, q) => Eq(p.Name, q.Name));

    private static bool SameMap(IDictionary<string, string>? x, IDictionary<string, string>? y)
    {
        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        foreach (var (key, value) in x ?? new Dictionary<string, string>())
        {
            if (!y!.TryGetValue(key, out var other) || !Eq(value, other))
            {
                return false;
            }
        }

        return true;
    }

    // Null and empty lists differ in JSON (omitted vs []), so they differ here too.
    private static bool SameList<T>(IList<T>? x, IList<T>? y, Func<T, T, bool> same)
    {
        if (x is null || y is null)
        {
            return x is null && y is null;
        }

        if (x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (x[i] is null || y[i] is null ? !(x[i] is null && y[i] is null) : !same(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Eq(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
}
