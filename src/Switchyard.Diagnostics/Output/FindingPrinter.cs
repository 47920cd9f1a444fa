using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Diagnostics.Check;
using Switchyard.Resources.Loading;

namespace Switchyard.Diagnostics.Output;

/// <summary>Formats <c>check</c> findings as a table, JSON or SARIF 2.1.0.</summary>
public static class FindingPrinter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(IReadOnlyList<Finding> findings, IReadOnlyList<LoadError> loadErrors, string output) => output switch
    {
        "json" => Json(findings, loadErrors),
        "sarif" => Sarif(findings, loadErrors),
        _ => Table(findings),
    };

    public static string Lower(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string Table(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return "No findings.\n";
        }

        var text = new StringBuilder();
        foreach (var f in findings)
        {
            text.Append(f.Location.ToString()).Append(": ").Append(Lower(f.Severity)).Append(' ').Append(f.RuleId)
                .Append(' ').Append(f.Object.ToString());
            if (f.Field.Length > 0)
            {
                text.Append(' ').Append(f.Field);
            }

            text.Append('\n').Append("    ").Append(f.Message).Append('\n')
                .Append("    fix: ").Append(f.Fix).Append('\n');
        }

        var errors = findings.Count(f => f.Severity == Severity.Error);
        var warnings = findings.Count(f => f.Severity == Severity.Warning);
        text.Append(errors).Append(" error(s), ").Append(warnings).Append(" warning(s), ")
            .Append(findings.Count - errors - warnings).Append(" info\n");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<Finding> findings, IReadOnlyList<LoadError> loadErrors)
    {
        var array = new JsonArray();
        foreach (var f in findings)
        {
            array.Add(new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["rule"] = RuleCatalog.ById[f.RuleId].Name,
                ["severity"] = Lower(f.Severity),
                ["object"] = new JsonObject
                {
                    ["kind"] = f.Object.Kind,
                    ["namespace"] = f.Object.Namespace,
                    ["name"] = f.Object.Name,
                },
                ["field"] = f.Field,
                ["message"] = f.Message,
                ["fix"] = f.Fix,
                ["file"] = f.Location.File,
                ["line"] = f.Location.Line,
            });
        }

        var errors = new JsonArray();
        foreach (var e in loadErrors)
        {
            errors.Add(e.ToString());
        }

        return new JsonObject { ["findings"] = array, ["loadErrors"] = errors }.ToJsonString(Indented) + "\n";
    }

    public static string Sarif(IReadOnlyList<Finding> findings, IReadOnlyList<LoadError> loadErrors)
    {
        var rules = new JsonArray();
        foreach (var rule in RuleCatalog.All)
        {
            rules.Add(new JsonObject
            {
                ["id"] = rule.Id,
                ["name"] = rule.Name,
                ["shortDescription"] = new JsonObject { ["text"] = rule.Description },
                ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(rule.Severity) },
            });
        }

        var results = new JsonArray();
        foreach (var f in findings)
        {
            results.Add(new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["level"] = SarifLevel(f.Severity),
                ["message"] = new JsonObject { ["text"] = $"{f.Object}: {(f.Field.Length > 0 ? f.Field + ": " : string.Empty)}{f.Message}. Fix: {f.Fix}" },
                ["locations"] = Locations(f.Location, f.Object.ToString()),
            });
        }

        var notifications = new JsonArray();
        foreach (var e in loadErrors)
        {
            notifications.Add(new JsonObject
            {
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = e.ToString() },
                ["locations"] = Locations(e.Location, e.Object?.ToString() ?? string.Empty),
            });
        }

        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "switchyard",
                    ["informationUri"] = "https://github.com/switchyard/switchyard",
                    ["rules"] = rules,
                },
            },
            ["invocations"] = new JsonArray(new JsonObject
            {
                ["executionSuccessful"] = loadErrors.Count == 0,
                ["toolExecutionNotifications"] = notifications,
            }),
            ["results"] = results,
        };
        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        }.ToJsonString(Indented) + "\n";
    }

    private static JsonArray Locations(SourceLocation location, string logicalName)
    {
        var physical = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = location.File.Replace('\\', '/') } };
        if (location.Line > 0)
        {
            physical["region"] = new JsonObject { ["startLine"] = location.Line };
        }

        var entry = new JsonObject { ["physicalLocation"] = physical };
        if (logicalName.Length > 0)
        {
            entry["logicalLocations"] = new JsonArray(new JsonObject { ["fullyQualifiedName"] = logicalName });
        }

        return new JsonArray(entry);
    }

    private static string SarifLevel(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
