namespace Stackmark.Runner;

/// <summary>A test class the given accounts cannot serve even on a worker of its own, and what it lacks.</summary>
/// <param name="Class">The class, <c>package.module.Class</c>.</param>
/// <param name="Reason">One line naming the credentials it needs and what is missing, for its tests' non-pass.</param>
public sealed record UnservedClass(string Class, string Reason);
