using System.Text.Json;
using System.Text.Json.Nodes;
using EligibilityEngine.Facts;
using EligibilityEngine.Yaml;
using Google.Protobuf.Reflection;
using Google.Rpc;
using EligibilityEngine.Host.Services;
using R = EligibilityEngine.Host.Services.ViolationReason;

namespace EligibilityEngine.Host.Json;

/// <summary>
/// Checks a JSON request body against its protobuf message before JSON transcoding reads it, so that a caller learns
/// every bad field at once by its path (<c>case.person.supervision_need</c>, the proto names the gRPC errors use):
/// unknown fields, a value of the wrong JSON type, an enum value that does not exist. Enum values may be written as the
/// contract names them (<c>SUPERVISION_LEVEL_INTENSIVE</c>), by number, or as the case files do (<c>intensive</c>,
/// any case); they are rewritten to the contract's name. Values are never echoed beyond a short prefix. A bad value is
/// taken out of the body (an element of a list of messages becomes an empty message, keeping the positions), so that what
/// remains can still be read and its values checked: every error in one answer (<see cref="JsonRequestMiddleware"/>).
/// </summary>
public static class JsonRequestCheck
{
    /// <summary>The body, with enum values in the contract's spelling and without the values that are refused, and every
    /// violation found.</summary>
    public static (JsonNode? Body, IReadOnlyList<BadRequest.Types.FieldViolation> Violations) Check(JsonNode? body, MessageDescriptor message)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        if (body is not JsonObject root)
        {
            violations.Add(CallError.Violation("", R.InvalidType, "the body must be a JSON object"));
            return (null, violations);
        }

        CheckObject(root, message, "", violations);
        return (root, violations);
    }

    private static void CheckObject(JsonObject json, MessageDescriptor message, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        foreach (var (name, value) in json.ToList())
        {
            var field = message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name || f.Name == name);
            if (field is null)
            {
                var names = message.Fields.InDeclarationOrder().Select(f => f.JsonName).ToList();
                var hint = Spelling.Closest(name, names) is { } s ? $"; did you mean '{s}'?" : $"; fields: {string.Join(", ", names)}";
                violations.Add(CallError.Violation(path + FactText.Cut(name), R.UnknownField, $"is not a field of {message.Name}{hint}"));
                json.Remove(name);
                continue;
            }

            var fieldPath = path + field.Name;
            if (value is null) continue; // null is the default: unknown
            if (!field.IsRepeated)
            {
                var (replaced, bad) = CheckValue(value, field, fieldPath, violations);
                if (bad) json.Remove(name);
                else if (replaced is not null) json[name] = replaced;
                continue;
            }

            if (value is not JsonArray array)
            {
                violations.Add(CallError.Violation(fieldPath, R.InvalidType, "must be a JSON array"));
                json.Remove(name);
                continue;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var (replaced, bad) = CheckValue(array[i], field, $"{fieldPath}[{i}]", violations);
                if (bad && field.FieldType != FieldType.Message)
                {
                    json.Remove(name);
                    break;
                }

                if (bad) array[i] = new JsonObject();
                else if (replaced is not null) array[i] = replaced;
            }
        }
    }

    /// <summary>Checks one value: a replacement (an enum in the contract's spelling) or null to keep it, and whether it
    /// is refused as a whole (its nested fields are checked, and taken out, one by one).</summary>
    private static (JsonNode? Replacement, bool Bad) CheckValue(JsonNode? value, FieldDescriptor field, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        if (value is null) return (null, false);
        var kind = value.GetValueKind();
        var before = violations.Count;
        JsonNode? replacement = null;
        switch (field.FieldType)
        {
            case FieldType.Message:
                if (value is JsonObject nested)
                {
                    CheckObject(nested, field.MessageType, path + ".", violations);
                    return (null, false);
                }

                violations.Add(CallError.Violation(path, R.InvalidType, "must be a JSON object"));
                break;
            case FieldType.String:
                if (kind != JsonValueKind.String) violations.Add(CallError.Violation(path, R.InvalidType, "must be a JSON string, e.g. \"2018-03-01\" or \"25.5\""));
                break;
            case FieldType.Bool:
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) violations.Add(CallError.Violation(path, R.InvalidType, "must be true or false (leave it out when unknown)"));
                break;
            case FieldType.Int32:
                replacement = Integer(value, kind, int.MinValue, int.MaxValue, path, violations);
                break;
            case FieldType.Int64:
                replacement = Integer(value, kind, long.MinValue, long.MaxValue, path, violations);
                break;
            case FieldType.Enum:
                replacement = EnumValue(value, kind, field.EnumType, path, violations);
                break;
        }

        return (replacement, violations.Count > before);
    }

    /// <summary>
    /// A whole number within the field's range, as a JSON number or (as protobuf's JSON mapping allows) a string: a
    /// string is replaced by its number, since JSON transcoding refuses <c>"12"</c> for an int32 with no field named
    /// (issue #22).
    /// </summary>
    private static JsonNode? Integer(JsonNode value, JsonValueKind kind, long min, long max, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        long number = 0;
        var parsed = kind switch
        {
            JsonValueKind.Number => value.AsValue().TryGetValue(out number),
            JsonValueKind.String => long.TryParse(value.GetValue<string>(), System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        if (!parsed || number < min || number > max)
        {
            violations.Add(CallError.Violation(path, R.InvalidNumber, "must be a whole number, e.g. 12"));
            return null;
        }

        return kind == JsonValueKind.String ? JsonValue.Create(number) : null;
    }

    private static JsonNode? EnumValue(JsonNode value, JsonValueKind kind, EnumDescriptor type, string path, List<BadRequest.Types.FieldViolation> violations)
    {
        var prefix = EnumPrefix(type);
        if (kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out var number) && type.FindValueByNumber(number) is not null)
            return null;
        if (kind == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            var match = type.Values.FirstOrDefault(v => string.Equals(v.Name, text, StringComparison.OrdinalIgnoreCase)
                                                        || string.Equals(v.Name, prefix + text, StringComparison.OrdinalIgnoreCase));
            if (match is not null) return match.Name == text ? null : JsonValue.Create(match.Name);
        }

        var allowed = type.Values.Where(v => v.Number != 0 && v.GetOptions()?.Deprecated != true)
            .Select(v => v.Name[prefix.Length..].ToLowerInvariant());
        var shown = kind == JsonValueKind.String ? FactText.Echo(value.GetValue<string>()) : FactText.Echo(value.ToJsonString());
        violations.Add(CallError.Violation(path, R.InvalidEnumValue, $"{shown} is not a value of {type.Name}; allowed: {string.Join(", ", allowed)} (or the full name, e.g. {type.Values[^1].Name}); leave it out when unknown"));
        return null;
    }

    /// <summary>SUPERVISION_LEVEL_ for SupervisionLevel: the name of the _UNSPECIFIED value without UNSPECIFIED.</summary>
    private static string EnumPrefix(EnumDescriptor type) =>
        type.Values.FirstOrDefault(v => v.Number == 0 && v.Name.EndsWith("UNSPECIFIED", StringComparison.Ordinal)) is { } zero
            ? zero.Name[..^"UNSPECIFIED".Length]
            : "";
}
