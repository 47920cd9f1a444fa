using k8s.Models;

namespace Switchyard.Resources.Validation;

/// <summary>Core API validation that matters for routing (pkg/apis/core/validation, pkg/apis/networking/validation).</summary>
public static class CoreValidation
{
    public static void Namespace(V1Namespace ns, ValidationContext ctx)
    {
    }

    public static void Service(V1Service service, ValidationContext ctx)
    {
    }

    public static void Pod(V1Pod pod, ValidationContext ctx)
    {
    }

    public static void Secret(V1Secret secret, ValidationContext ctx)
    {
    }

    public static void ConfigMap(V1ConfigMap configMap, ValidationContext ctx)
    {
    }

    public static void EndpointSlice(V1EndpointSlice slice, ValidationContext ctx)
    {
    }

    public static void Ingress(V1Ingress ingress, ValidationContext ctx)
    {
    }

    public static void IngressClass(V1IngressClass ingressClass, ValidationContext ctx)
    {
    }

    public static void NetworkPolicy(V1NetworkPolicy policy, ValidationContext ctx)
    {
    }
}
