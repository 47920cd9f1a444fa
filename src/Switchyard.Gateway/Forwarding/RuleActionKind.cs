namespace Switchyard.Gateway.Forwarding;

internal enum RuleActionKind
{
    /// <summary>Answer with a fixed status (and body).</summary>
    DirectResponse,

    /// <summary>Answer with a redirect.</summary>
    Redirect,

    /// <summary>Forward to a weighted backend.</summary>
    Forward,
}
