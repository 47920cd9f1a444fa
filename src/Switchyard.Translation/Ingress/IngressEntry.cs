using k8s.Models;
using Switchyard.Resources.Store;
using Switchyard.Translation.Ingress.Annotations;

namespace Switchyard.Translation.Ingress;

/// <summary>Scratch state for one of our Ingresses during a translation run.</summary>
internal sealed class IngressEntry
{
    public required V1Ingress Ingress { get; init; }

    public required ResourceKey Key { get; init; }

    public required IngressSettings Settings { get; init; }

    public string Namespace => Key.Namespace;

    public string Name => Key.Name;

    /// <summary><c>ns/name</c>: the IR route name and the alphabetical tie-breaker.</summary>
    public string Route => Key.Namespace + "/" + Key.Name;

    public DateTime Created => Ingress.Metadata.CreationTimestamp ?? DateTime.MinValue;

    public bool IsCanary => Settings.Canary is not null;

    /// <summary>Rule hosts (normalized; "" for rules without a host) this Ingress has paths for.</summary>
    public SortedSet<string> Hosts { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether some rule of this Ingress went into an IR listener, by listener protocol.</summary>
    public bool ServedOnHttp { get; set; }

    public bool ServedOnHttps { get; set; }

    /// <summary>Oldest first, then by namespace/name: the order in which conflicts are decided.</summary>
    public static int CompareAge(IngressEntry a, IngressEntry b)
    {
        var c = a.Created.CompareTo(b.Created);
        return c != 0 ? c : string.CompareOrdinal(a.Route, b.Route);
    }
}
