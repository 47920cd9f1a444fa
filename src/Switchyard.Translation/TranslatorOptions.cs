namespace Switchyard.Translation;

/// <summary>Settings of the translation that come from the command line; part of the translator's input.</summary>
public sealed record TranslatorOptions
{
    public const string DefaultGatewayControllerName = "switchyard.dev/gateway-controller";
    public const string DefaultIngressControllerName = "switchyard.dev/ingress-controller";

    public string GatewayControllerName { get; init; } = DefaultGatewayControllerName;

    public string IngressControllerName { get; init; } = DefaultIngressControllerName;

    /// <summary>Address Gateway listeners bind to when the Gateway has no spec.addresses.</summary>
    public string BindAddress { get; init; } = "0.0.0.0";
}
