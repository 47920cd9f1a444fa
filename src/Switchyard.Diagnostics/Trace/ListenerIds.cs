namespace Switchyard.Diagnostics.Trace;

/// <summary>
/// Reads the IR ids of Gateway API listeners: <c>ns/gateway/listener</c> for a Gateway's own listener,
/// <c>ns/gateway/setNamespace/setName/listener</c> for a listener of a ListenerSet attached to it.
/// </summary>
internal static class ListenerIds
{
    /// <summary><c>Gateway demo/web listener http</c> or <c>ListenerSet team/apps listener https (Gateway infra/web)</c>; other ids as they are.</summary>
    public static string Describe(string id) => id.Split('/') switch
    {
        [var ns, var gateway, var name] => $"Gateway {ns}/{gateway} listener {name}",
        [var ns, var gateway, var setNamespace, var set, var name] => $"ListenerSet {setNamespace}/{set} listener {name} (Gateway {ns}/{gateway})",
        _ => id,
    };

    /// <summary>Marks the Gateway (and the ListenerSet) behind a listener id as part of the trace.</summary>
    public static void Touch(TraceState state, string id)
    {
        switch (id.Split('/'))
        {
            case [var ns, var gateway, _]:
                state.Touch("Gateway", ns, gateway);
                break;
            case [var ns, var gateway, var setNamespace, var set, _]:
                state.Touch("Gateway", ns, gateway);
                state.Touch("ListenerSet", setNamespace, set);
                break;
        }
    }
}
