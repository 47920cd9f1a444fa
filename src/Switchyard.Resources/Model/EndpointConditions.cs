using k8s.Models;

namespace Switchyard.Resources.Model;

/// <summary>
/// Reads EndpointSlice endpoint conditions as the API documents them. The API server does not default them, so a
/// missing condition has a documented meaning rather than a stored value.
/// </summary>
public static class EndpointConditions
{
    /// <summary>Ready; nil means ready ("should be interpreted as true").</summary>
    public static bool IsReady(V1EndpointConditions? conditions) => conditions?.Ready ?? true;

    /// <summary>Serving; nil defers to <see cref="IsReady"/>.</summary>
    public static bool IsServing(V1EndpointConditions? conditions) => conditions?.Serving ?? IsReady(conditions);

    /// <summary>Terminating; nil means not terminating.</summary>
    public static bool IsTerminating(V1EndpointConditions? conditions) => conditions?.Terminating ?? false;
}
