using Switchyard.Resources.Model.GatewayApi;

namespace Switchyard.Resources.Validation;

/// <summary>ListenerSet checks: the parentRef schema, and the listeners with exactly the Gateway's listener rules.</summary>
public static partial class GatewayApiValidation
{
    public static void ListenerSet(ListenerSet listenerSet, ValidationContext ctx)
    {
        var spec = listenerSet.Spec;
        if (!ctx.Present("spec", spec))
        {
            return;
        }

        if (ctx.Present("spec.parentRef", spec.ParentRef))
        {
            const string path = "spec.parentRef";
            ctx.String($"{path}.group", spec.ParentRef.Group, 0, 253, GatewayApiPatterns.Group);
            ctx.String($"{path}.kind", spec.ParentRef.Kind, 1, 63, GatewayApiPatterns.Kind);
            ctx.RequiredString($"{path}.name", spec.ParentRef.Name, 1, 253);
            ctx.String($"{path}.namespace", spec.ParentRef.Namespace, 1, 63, GatewayApiPatterns.Namespace);
        }

        if (ctx.Present("spec.listeners", spec.Listeners))
        {
            Listeners(ctx, "spec.listeners", spec.Listeners);
        }
    }
}
