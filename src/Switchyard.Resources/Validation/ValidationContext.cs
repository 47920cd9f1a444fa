namespace Switchyard.Resources.Validation;

/// <summary>Collects field errors while one object is validated.</summary>
public sealed class ValidationContext
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string path, string message) => _errors.Add(new FieldError(path, message));

    /// <summary>Reports a missing required field.</summary>
    public void Required(string path) => Error(path, "Required value");
}
