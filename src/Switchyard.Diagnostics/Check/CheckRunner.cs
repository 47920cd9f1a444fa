using Switchyard.Diagnostics.Check.Rules;

namespace Switchyard.Diagnostics.Check;

/// <summary>Runs every rule group and orders the findings deterministically (file, line, rule, object, field).</summary>
public static class CheckRunner
{
    private static readonly ICheckRules[] Groups =
    [
        new ServiceRules(),
        new DnsRules(),
        new IngressRules(),
        new GatewayRules(),
        new TlsRules(),
        new NetworkPolicyRules(),
    ];

    public static IReadOnlyList<Finding> Run(CheckContext context)
    {
        var findings = new List<Finding>();
        foreach (var group in Groups)
        {
            group.Evaluate(context, findings);
        }

        return findings
            .OrderBy(f => f.Location.File, StringComparer.Ordinal)
            .ThenBy(f => f.Location.Line)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Object)
            .ThenBy(f => f.Field, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
    }
}
