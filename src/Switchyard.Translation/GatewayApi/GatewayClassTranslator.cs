using Switchyard.Resources.Model.GatewayApi;
using Switchyard.Resources.Store;
using Switchyard.Translation.Conditions;

namespace Switchyard.Translation.GatewayApi;

/// <summary>
/// Finds the GatewayClasses that name our controller and reports them Accepted, with the features the controller
/// supports (<see cref="SupportedFeatures"/>). Classes of other controllers get no status from us, and neither do their
/// Gateways.
/// </summary>
internal static class GatewayClassTranslator
{
    /// <summary>Our classes by name: null when accepted, else why the class is refused.</summary>
    public static Dictionary<string, Problem?> Translate(TranslationContext ctx)
    {
        var ours = new Dictionary<string, Problem?>(StringComparer.Ordinal);
        foreach (var gatewayClass in ctx.Store.OfType<GatewayClass>())
        {
            if (!string.Equals(gatewayClass.Spec.ControllerName, ctx.Options.GatewayControllerName, StringComparison.Ordinal))
            {
                continue;
            }

            var key = new ResourceKey(GatewayApiGroup.Name, GatewayClass.KindName, string.Empty, gatewayClass.Metadata.Name);
            var previous = ctx.Previous.Status.TryGetValue(key, out var p) ? (p as GatewayClassStatus)?.Conditions : null;
            var conditions = new ConditionWriter(gatewayClass.Metadata.Generation ?? 1, previous, ctx.Now);

            // Switchyard takes no parameters, so any parametersRef names something it cannot honour.
            Problem? problem = gatewayClass.Spec.ParametersRef is { } parameters
                ? new Problem(GatewayClassConditions.InvalidParameters, $"parametersRef {parameters.Group}/{parameters.Kind} {parameters.Name} is not supported: this controller takes no parameters")
                : null;
            if (problem is { } refused)
            {
                conditions.Set(GatewayClassConditions.Accepted, false, refused.Reason, refused.Message);
                ctx.Warn(key, "spec.parametersRef", refused.Message);
            }
            else
            {
                conditions.Set(GatewayClassConditions.Accepted, true, GatewayClassConditions.Accepted, "GatewayClass is accepted");
            }

            // What the controller supports does not depend on the class's parameters, so a refused class lists it too.
            ctx.SetStatus(key, new GatewayClassStatus { Conditions = conditions.Conditions, SupportedFeatures = SupportedFeatures.Status() });
            ours[gatewayClass.Metadata.Name] = problem;
        }

        return ours;
    }
}
