using EligibilityEngine.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>An error for one request, raised as a gRPC status (unary) or returned as an item error (batch).</summary>
public sealed record CallError(StatusCode Code, string Message, IReadOnlyList<BadRequest.Types.FieldViolation> Violations)
{
    public static CallError InvalidArgument(IReadOnlyList<BadRequest.Types.FieldViolation> violations) =>
        new(StatusCode.InvalidArgument, "the request has invalid fields: " + string.Join("; ", violations.Select(v => $"{v.Field} {v.Description}")), violations);

    /// <summary>The engine's refusals, as status codes; anything else is not a client error and is not mapped.</summary>
    public static CallError? From(Exception ex) => ex switch
    {
        VersionNotFoundException => new(StatusCode.NotFound, ex.Message, []),
        EvaluationException => new(StatusCode.FailedPrecondition, ex.Message, []),
        _ => null,
    };

    /// <summary>One bad field: where, why as a <see cref="ViolationReason"/> constant, and in words.</summary>
    public static BadRequest.Types.FieldViolation Violation(string field, string reason, string description) =>
        new() { Field = field, Reason = reason, Description = description };

    public RpcException ToRpcException() => ToStatus().ToRpcException();

    /// <summary>As google.rpc.Status, with a google.rpc.BadRequest naming the fields.</summary>
    public Google.Rpc.Status ToStatus()
    {
        var status = new Google.Rpc.Status { Code = (int)Code, Message = Message };
        if (Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(Violations);
            status.Details.Add(Any.Pack(badRequest));
        }

        return status;
    }

    public V1.ItemError ToItemError()
    {
        var error = new V1.ItemError { Code = CodeName(Code), Message = Message };
        error.FieldViolations.Add(Violations.Select(v => new V1.FieldViolation { Field = v.Field, Description = v.Description, Reason = v.Reason }));
        return error;
    }

    // INVALID_ARGUMENT, NOT_FOUND, ...: the names gRPC documents, from the enum names.
    private static string CodeName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
