namespace Switchyard.Translation.Conditions;

/// <summary>Why something is not accepted or not resolved: a condition reason and a message for people.</summary>
internal readonly record struct Problem(string Reason, string Message);
