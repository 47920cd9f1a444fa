using System.Text.Json.Nodes;

namespace Switchyard.Resources.Loading;

/// <summary>One YAML/JSON document as a JSON tree, with the lines its fields were written on.</summary>
public sealed record ParsedDocument(JsonNode? Root, SourceMap Map);
