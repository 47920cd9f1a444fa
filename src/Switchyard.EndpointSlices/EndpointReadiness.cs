using k8s.Models;

namespace Switchyard.EndpointSlices;

/// <summary>
/// Reads an endpoint's conditions as discovery/v1 documents them, for slices written by hand or by other controllers,
/// where any condition may be missing: nil ready and nil serving mean true, nil terminating means false.
/// </summary>
public static class EndpointReadiness
{
    public static bool IsReady(V1EndpointConditions? conditions) => conditions?.Ready ?? true;

    public static bool IsServing(V1EndpointConditions? conditions) => conditions?.Serving ?? true;

    public static bool IsTerminating(V1EndpointConditions? conditions) => conditions?.Terminating ?? false;
}
