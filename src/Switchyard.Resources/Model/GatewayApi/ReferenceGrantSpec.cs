namespace Switchyard.Resources.Model.GatewayApi;

public sealed class ReferenceGrantSpec
{
}
