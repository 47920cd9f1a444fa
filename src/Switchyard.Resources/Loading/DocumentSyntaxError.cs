namespace Switchyard.Resources.Loading;

/// <summary>A document that could not be parsed at all; the other documents of the file still load.</summary>
public sealed record DocumentSyntaxError(SourceLocation Location, string Message);
