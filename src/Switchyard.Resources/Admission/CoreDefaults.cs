using k8s.Models;

namespace Switchyard.Resources.Admission;

/// <summary>The core API server's defaulting for the fields routing depends on (pkg/apis/core/v1/defaults.go and friends).</summary>
public static class CoreDefaults
{
    public static void Namespace(V1Namespace ns)
    {
    }

    public static void Service(V1Service service)
    {
    }

    public static void Pod(V1Pod pod)
    {
    }

    public static void Secret(V1Secret secret)
    {
    }

    public static void EndpointSlice(V1EndpointSlice slice)
    {
    }

    public static void Ingress(V1Ingress ingress)
    {
    }

    public static void NetworkPolicy(V1NetworkPolicy policy)
    {
    }
}
