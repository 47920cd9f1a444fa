namespace Switchyard.Resources.Model.GatewayApi;

public static class GatewayApiGroup
{
    public const string Name = "gateway.networking.k8s.io";
}
