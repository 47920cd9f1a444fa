namespace Switchyard.Resources.Validation;

/// <summary>One invalid field: its path in API notation (<c>spec.rules[0].matches[0].path.value</c>) and why.</summary>
public readonly record struct FieldError(string Path, string Message);
