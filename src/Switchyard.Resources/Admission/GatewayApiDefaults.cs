using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Admission;

/// <summary>The defaults the Gateway API CRDs declare (+kubebuilder:default), applied as the API server would.</summary>
public static class GatewayApiDefaults
{
    public static void GatewayClass(GatewayClass gatewayClass)
    {
    }

    public static void Gateway(Gateway gateway)
    {
    }

    public static void HttpRoute(HttpRoute route)
    {
    }

    public static void GrpcRoute(GrpcRoute route)
    {
    }

    public static void BackendTlsPolicy(BackendTlsPolicy policy)
    {
    }

    public static void TlsRoute(TlsRoute route)
    {
    }
}
