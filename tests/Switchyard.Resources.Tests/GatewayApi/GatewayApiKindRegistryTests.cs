using Switchyard.Resources.Model;
using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Tests.GatewayApi;

public sealed class GatewayApiKindRegistryTests
{
    [Theory]
    [InlineData("gateway.networking.k8s.io/v1", "GatewayClass", typeof(GatewayClass))]
    [InlineData("gateway.networking.k8s.io/v1beta1", "Gateway", typeof(Gateway))]
    [InlineData("gateway.networking.k8s.io/v1", "HTTPRoute", typeof(HttpRoute))]
    [InlineData("gateway.networking.k8s.io/v1", "GRPCRoute", typeof(GrpcRoute))]
    [InlineData("gateway.networking.k8s.io/v1", "ReferenceGrant", typeof(ReferenceGrant))]
    [InlineData("gateway.networking.k8s.io/v1", "BackendTLSPolicy", typeof(BackendTlsPolicy))]
    [InlineData("gateway.networking.k8s.io/v1", "TLSRoute", typeof(TlsRoute))]
    [InlineData("gateway.networking.k8s.io/v1alpha2", "TLSRoute", typeof(TlsRoute))]
    public void Find_GatewayApiKind_ReturnsTypeWithDefaultsAndValidation(string apiVersion, string kind, Type type)
    {
        var info = KindRegistry.Find(apiVersion, kind);

        Assert.NotNull(info);
        Assert.Equal(type, info.ClrType);
        Assert.NotNull(info.Validate);
        Assert.True(info.Namespaced == (type != typeof(GatewayClass)));
    }

    [Fact]
    public void Find_TlsRouteV1Alpha3_ReturnsNull() => Assert.Null(KindRegistry.Find("gateway.networking.k8s.io/v1alpha3", "TLSRoute"));
}
