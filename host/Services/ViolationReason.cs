namespace EligibilityEngine.Host.Services;

/// <summary>
/// Why a field of a request is refused, as the constant google.rpc.BadRequest.FieldViolation.reason carries it
/// (UPPER_SNAKE_CASE), so that a caller can act on it without reading the description; the JSON side shows it in
/// camelCase as <c>invalidParams[].code</c>.
/// </summary>
public static class ViolationReason
{
    public const string Required = "REQUIRED";
    public const string InvalidDate = "INVALID_DATE";
    public const string InvalidNumber = "INVALID_NUMBER";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string InvalidEnumValue = "INVALID_ENUM_VALUE";
    public const string InvalidMunicipalityCode = "INVALID_MUNICIPALITY_CODE";
    public const string Retired = "RETIRED";
    public const string Conflict = "CONFLICT";
    public const string TooMany = "TOO_MANY";
    public const string Duplicate = "DUPLICATE";
    public const string OutOfOrder = "OUT_OF_ORDER";
    public const string InvalidValue = "INVALID_VALUE";
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string InvalidType = "INVALID_TYPE";
    public const string InvalidJson = "INVALID_JSON";
}
