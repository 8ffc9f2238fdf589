using System.Text.Json;
using Stackmark.Json;

namespace Stackmark;

/// <content>Reading a run directory's full-results.json and report.json.</content>
public sealed partial record RunRecord
{
    /// <summary>
    /// Reads a run from its <c>full-results.json</c> and <c>report.json</c>, checking every entry the comparison
    /// reads. Unknown keys are allowed (newer writers may add some); missing or mistyped ones are not.
    /// </summary>
    /// <param name="fullResults">The bytes of full-results.json.</param>
    /// <param name="fullResultsFile">Its name, for errors.</param>
    /// <param name="report">The bytes of report.json.</param>
    /// <param name="reportFile">Its name, for errors.</param>
    /// <returns>The run, or an error naming the file, JSON path and line.</returns>
    public static ParseResult<RunRecord> Parse(ReadOnlySpan<byte> fullResults, string fullResultsFile, ReadOnlySpan<byte> report, string reportFile)
    {
        var full = new Reader(fullResultsFile, fullResults);
        if (full.Root is null)
        {
            return full.Failure!;
        }

        var rep = new Reader(reportFile, report);
        if (rep.Root is null)
        {
            return rep.Failure!;
        }

        return Read(full, rep);
    }

    /// <summary>
    /// Reads only the tests of a <c>full-results.json</c> (name, id, capability, status, category, reason), checked as
    /// <see cref="Parse"/> checks them: what <c>stackmark report</c> judges.
    /// </summary>
    /// <returns>The tests in file order, or an error naming the file, JSON path and line.</returns>
    public static ParseResult<IReadOnlyList<RecordedTest>> ParseTests(ReadOnlySpan<byte> fullResults, string fullResultsFile)
    {
        var full = new Reader(fullResultsFile, fullResults);
        ParseResult<RunRecord>? error;
        if (full.Root is null)
        {
            error = full.Failure!;
        }
        else if (full.Root is not JObject top)
        {
            error = full.Fail("expected an object with guideline, target, compliant and tests", full.Root);
        }
        else if (ReadTests(full, top, out var tests, out error))
        {
            return ParseResult<IReadOnlyList<RecordedTest>>.Ok(tests);
        }

        return ParseResult<IReadOnlyList<RecordedTest>>.Fail(error!.Error!, error.Location!);
    }

    private static ParseResult<RunRecord> Read(Reader full, Reader rep)
    {
        if (full.Root is not JObject top)
        {
            return full.Fail("expected an object with guideline, target, compliant and tests", full.Root!);
        }

        if (!full.String(top, "guideline", out var guideline, out var error) || !full.String(top, "target", out var target, out error)
            || !full.Bool(top, "compliant", out var compliant, out error))
        {
            return error!;
        }

        if (!ReadVerdict(full, top, compliant, out var runVerdict, out var toComplete, out error))
        {
            return error!;
        }

        if (!ReadTests(full, top, out var tests, out error))
        {
            return error!;
        }

        if (!ReadClassErrors(full, top, out var classErrors, out error))
        {
            return error!;
        }

        if (rep.Root is not JObject rtop)
        {
            return rep.Fail("expected an object with guideline, target, compliant and capabilities", rep.Root!);
        }

        if (!rep.String(rtop, "guideline", out var repGuideline, out error) || !rep.String(rtop, "target", out var repTarget, out error))
        {
            return error!;
        }

        // Two files of one run: a report of another guideline or target would compare the wrong verdicts.
        if (repGuideline != guideline)
        {
            return rep.Fail($"guideline {repGuideline} differs from full-results.json's {guideline}: the files are of different runs", rtop["guideline"]!);
        }

        if (repTarget != target)
        {
            return rep.Fail($"target {repTarget} differs from full-results.json's {target}: the files are of different runs", rtop["target"]!);
        }

        if (rtop["capabilities"] is not JArray capArray)
        {
            return rep.Fail("\"capabilities\" must be a list of capability verdicts", rtop["capabilities"] ?? rtop);
        }

        var capabilities = new List<RecordedCapability>(capArray.Items.Count);
        foreach (var item in capArray.Items)
        {
            if (item is not JObject c)
            {
                return rep.Fail($"expected a capability verdict object, found {item.Kind}", item);
            }

            if (!rep.String(c, "id", out var capId, out error) || !rep.String(c, "status", out var capStatusWord, out error)
                || !rep.String(c, "verdict", out var verdict, out error))
            {
                return error!;
            }

            if (!CapabilityStatuses.TryParse(capStatusWord, out var capStatus))
            {
                return rep.Fail("\"status\" must be one of required, advisory, deprecated, removed", c["status"]!);
            }

            if (verdict is not ("pass" or "fail" or "incomplete"))
            {
                return rep.Fail("\"verdict\" must be pass, fail or incomplete", c["verdict"]!);
            }

            if (!rep.Count(c, "tests", out var counted, out error) || !rep.Count(c, "passed", out var passed, out error))
            {
                return error!;
            }

            if (passed > counted)
            {
                return rep.Fail($"\"passed\" ({passed}) is more than \"tests\" ({counted})", c["passed"]!);
            }

            capabilities.Add(new RecordedCapability(new CapabilityId(capId), capStatus, verdict == "pass", passed, counted, verdict == "incomplete"));
        }

        return ParseResult<RunRecord>.Ok(new RunRecord(guideline, target, compliant, tests, capabilities, classErrors) { Verdict = runVerdict, ToComplete = toComplete });
    }

    private static bool ReadTests(Reader full, JObject top, out List<RecordedTest> tests, out ParseResult<RunRecord>? error)
    {
        tests = [];
        error = null;
        if (top["tests"] is not JArray testArray)
        {
            error = full.Fail("\"tests\" must be a list of test results", top["tests"] ?? top);
            return false;
        }

        tests = new List<RecordedTest>(testArray.Items.Count);
        foreach (var item in testArray.Items)
        {
            if (item is not JObject t)
            {
                error = full.Fail($"expected a test result object, found {item.Kind}", item);
                return false;
            }

            if (!full.String(t, "name", out var name, out error) || !full.String(t, "capability", out var capability, out error)
                || !full.String(t, "status", out var statusWord, out error))
            {
                return false;
            }

            if (!TryParseWord(statusWord, out var status))
            {
                error = full.Fail("\"status\" must be one of pass, fail, skip, not-run", t["status"]!);
                return false;
            }

            IdempotentId? id = null;
            switch (t["idempotent_id"])
            {
                case null or JNull:
                    break;
                case JString s when IdempotentId.TryParse(s.Value, out var parsed):
                    id = parsed;
                    break;
                case var bad:
                    error = full.Fail("\"idempotent_id\" must be a UUID (e.g. e36c0eaa-dff5-4082-ad1f-3f9a80aa3f59)", bad);
                    return false;
            }

            if (!full.OptionalString(t, "category", out var category, out error) || !full.OptionalString(t, "reason", out var reason, out error))
            {
                return false;
            }

            tests.Add(new RecordedTest(new TestName(name), id, new CapabilityId(capability), status, category, reason));
        }

        return true;
    }

    // "verdict" and "to_complete" are optional: files written before the three-way verdict have "compliant" only.
    private static bool ReadVerdict(Reader full, JObject top, bool compliant, out ComplianceVerdict verdict, out List<string> toComplete, out ParseResult<RunRecord>? error)
    {
        verdict = compliant ? ComplianceVerdict.Compliant : ComplianceVerdict.NotCompliant;
        toComplete = [];
        if (!full.OptionalString(top, "verdict", out var word, out error))
        {
            return false;
        }

        if (word is not null)
        {
            if (!VerdictRule.TryParse(word, out verdict))
            {
                error = full.Fail("\"verdict\" must be one of compliant, not-compliant, incomplete", top["verdict"]!);
                return false;
            }

            if (compliant != (verdict == ComplianceVerdict.Compliant))
            {
                error = full.Fail($"\"verdict\" {word} contradicts \"compliant\": {(compliant ? "true" : "false")}", top["verdict"]!);
                return false;
            }
        }

        switch (top["to_complete"])
        {
            case null or JNull:
                return true;
            case JArray array:
                foreach (var item in array.Items)
                {
                    if (item is not JString { Value.Length: > 0 } step)
                    {
                        error = full.Fail("\"to_complete\" must list non-empty strings", item);
                        return false;
                    }

                    toComplete.Add(step.Value);
                }

                return true;
            case var bad:
                error = full.Fail("\"to_complete\" must be a list of strings when present", bad);
                return false;
        }
    }

    // "class_errors" is optional: run directories written before the runner listed fixture errors lack it.
    private static bool ReadClassErrors(Reader full, JObject top, out List<RecordedClassError> classErrors, out ParseResult<RunRecord>? error)
    {
        classErrors = [];
        error = null;
        switch (top["class_errors"])
        {
            case null or JNull:
                return true;
            case JArray array:
                classErrors.Capacity = array.Items.Count;
                foreach (var item in array.Items)
                {
                    if (item is not JObject e)
                    {
                        error = full.Fail($"expected a class-level error object, found {item.Kind}", item);
                        return false;
                    }

                    if (!full.String(e, "fixture", out var fixture, out error) || !full.String(e, "scope", out var scope, out error)
                        || !full.String(e, "category", out var category, out error) || !full.OptionalString(e, "reason", out var reason, out error)
                        || !full.Count(e, "planned_tests", out var planned, out error))
                    {
                        return false;
                    }

                    if (!ClassError.IsFixture(fixture))
                    {
                        error = full.Fail("\"fixture\" must be one of setUpClass, tearDownClass, setUpModule, tearDownModule", e["fixture"]!);
                        return false;
                    }

                    classErrors.Add(new RecordedClassError(fixture, scope, category, reason ?? "", planned));
                }

                return true;
            case var bad:
                error = full.Fail("\"class_errors\" must be a list of class-level errors when present", bad);
                return false;
        }
    }

    /// <summary>One file's parsed tree and located errors.</summary>
    private sealed class Reader
    {
        private readonly string _file;
        private readonly LineMap _lines;

        public Reader(string file, ReadOnlySpan<byte> utf8)
        {
            _file = file;
            _lines = new LineMap(utf8);
            try
            {
                Root = JParser.Parse(utf8, _lines);
            }
            catch (JsonException e)
            {
                Failure = ParseResult<RunRecord>.Fail($"not valid JSON: {e.Message.Split(" Path:")[0]}", new SourceLocation(file, e.Path ?? "$", (int)(e.LineNumber ?? -1) + 1));
            }
        }

        public JNode? Root { get; }

        public ParseResult<RunRecord>? Failure { get; }

        public ParseResult<RunRecord> Fail(string message, JNode node) =>
            ParseResult<RunRecord>.Fail(message, new SourceLocation(_file, node.Path, _lines.LineOf(node.Offset)));

        public bool String(JObject o, string key, out string value, out ParseResult<RunRecord>? error)
        {
            (value, error) = o[key] is JString { Value: { Length: > 0 } s } ? (s, null) : ("", Fail($"\"{key}\" must be a non-empty string", o[key] ?? o));
            return error is null;
        }

        public bool OptionalString(JObject o, string key, out string? value, out ParseResult<RunRecord>? error)
        {
            (value, error) = o[key] switch
            {
                null or JNull => (null, null),
                JString s => (s.Value, null),
                var bad => ((string?)null, Fail($"\"{key}\" must be a string when present", bad)),
            };
            return error is null;
        }

        public bool Bool(JObject o, string key, out bool value, out ParseResult<RunRecord>? error)
        {
            (value, error) = o[key] is JBool b ? (b.Value, null) : (false, Fail($"\"{key}\" must be true or false", o[key] ?? o));
            return error is null;
        }

        public bool Count(JObject o, string key, out int value, out ParseResult<RunRecord>? error)
        {
            (value, error) = o[key] is JNumber { IsInteger: true, Value: >= 0 and <= int.MaxValue } n
                ? ((int)n.Value, null)
                : (0, Fail($"\"{key}\" must be a whole number, 0 or more", o[key] ?? o));
            return error is null;
        }
    }
}
