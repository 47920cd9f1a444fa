namespace Switchyard.EndpointSlices;

/// <summary>Label keys and values that mark the EndpointSlices a controller manages (discovery/v1 well-known labels).</summary>
public static class EndpointSliceLabels
{
    /// <summary>Names the Service a slice belongs to.</summary>
    public const string ServiceName = "kubernetes.io/service-name";

    /// <summary>Names the controller or entity that manages a slice.</summary>
    public const string ManagedBy = "endpointslice.kubernetes.io/managed-by";

    /// <summary>Set (empty value) on slices of Services without a cluster IP.</summary>
    public const string Headless = "service.kubernetes.io/headless";

    /// <summary>The managed-by value of slices written by Switchyard.</summary>
    public const string ControllerName = "switchyard.dev/endpointslice-controller";

    /// <summary>The well-known zone label, read from a Pod since standalone mode has no Nodes.</summary>
    public const string Zone = "topology.kubernetes.io/zone";

    /// <summary>Whether a label key is one the controller owns on a slice and never copies from the Service.</summary>
    public static bool IsReserved(string key) =>
        key is ServiceName or ManagedBy or Headless;
}
