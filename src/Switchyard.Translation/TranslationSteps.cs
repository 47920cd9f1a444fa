using Switchyard.Ir;
using Switchyard.Translation.GatewayApi;
using Switchyard.Translation.ServiceProxy;
using Switchyard.Translation.Ingress;

namespace Switchyard.Translation;

/// <summary>The translation steps, in order. Each reads the store and adds IR, status and warnings to the context.</summary>
internal static class TranslationSteps
{
    public delegate void Step(TranslationContext ctx, List<Listener> listeners, List<BackendCluster> clusters);

    public static IReadOnlyList<Step> All { get; } =
    [
        GatewayApiTranslator.Translate,
        Dns.DnsTranslator.Step,
        ServiceProxyTranslator.Translate,

        // After the Gateway API: a Gateway listener keeps a socket it shares with an Ingress listener.
        IngressTranslator.Translate,
    ];
}
