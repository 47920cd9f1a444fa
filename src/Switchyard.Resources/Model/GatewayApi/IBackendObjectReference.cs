namespace Switchyard.Resources.Model.GatewayApi;

/// <summary>The fields every backend reference shares, so defaulting and validation handle them once.</summary>
public interface IBackendObjectReference
{
    string? Group { get; set; }

    string? Kind { get; set; }

    string? Name { get; set; }

    string? Namespace { get; set; }

    int? Port { get; set; }
}
