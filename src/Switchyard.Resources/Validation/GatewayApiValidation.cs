using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>
/// The Gateway API CRDs' OpenAPI schema and CEL rules (v1.6 standard channel), checked as the API server would on
/// create, after defaulting. Error paths use API notation (<c>spec.rules[0].matches[0].path</c>); CEL failures are
/// reported on the node that carries the rule, with the rule's message. Beyond the CRDs, regular expressions must
/// compile (.NET, non-backtracking) and hostnames must not be IP addresses, as the spec requires.
/// </summary>
public static partial class GatewayApiValidation
{
    public static void GatewayClass(GatewayClass gatewayClass, ValidationContext ctx)
    {
        var spec = gatewayClass.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        ctx.RequiredString("spec.controllerName", spec.ControllerName, 1, 253, GatewayApiPatterns.ControllerName);
        if (spec.ParametersRef is { } parameters)
        {
            const string path = "spec.parametersRef";
            ctx.RequiredString($"{path}.group", parameters.Group, 0, 253, GatewayApiPatterns.Group);
            ctx.RequiredString($"{path}.kind", parameters.Kind, 1, 63, GatewayApiPatterns.Kind);
            ctx.RequiredString($"{path}.name", parameters.Name, 1, 253);
            ctx.String($"{path}.namespace", parameters.Namespace, 1, 63, GatewayApiPatterns.Namespace);
        }

        ctx.String("spec.description", spec.Description, maxLength: 64);
    }

    public static void ReferenceGrant(ReferenceGrant grant, ValidationContext ctx)
    {
        var spec = grant.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        if (ctx.Present("spec.from", spec.From))
        {
            ctx.Items("spec.from", spec.From, 1, 16);
            ForEach(ctx, "spec.from", spec.From, static (ctx, path, from) =>
            {
                ctx.RequiredString($"{path}.group", from.Group, 0, 253, GatewayApiPatterns.Group);
                ctx.RequiredString($"{path}.kind", from.Kind, 1, 63, GatewayApiPatterns.Kind);
                ctx.RequiredString($"{path}.namespace", from.Namespace, 1, 63, GatewayApiPatterns.Namespace);
            });
        }

        if (ctx.Present("spec.to", spec.To))
        {
            ctx.Items("spec.to", spec.To, 1, 16);
            ForEach(ctx, "spec.to", spec.To, static (ctx, path, to) =>
            {
                ctx.RequiredString($"{path}.group", to.Group, 0, 253, GatewayApiPatterns.Group);
                ctx.RequiredString($"{path}.kind", to.Kind, 1, 63, GatewayApiPatterns.Kind);
                ctx.String($"{path}.name", to.Name, 1, 253);
            });
        }
    }
}
