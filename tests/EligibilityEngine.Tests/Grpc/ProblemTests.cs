using EligibilityEngine.Host.Json;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Http;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>How a gRPC error becomes the problem details a JSON caller reads.</summary>
public sealed class ProblemTests
{
    private static HttpContext Request(string path) => new DefaultHttpContext { Request = { Path = path } };

    [Theory]
    [InlineData(500, (int)global::Grpc.Core.StatusCode.Internal, "System.NullReferenceException at RuleLibrary.Evaluate")]
    [InlineData(503, (int)global::Grpc.Core.StatusCode.Unavailable, "rule sets are not loaded yet")]
    public void A_server_error_says_nothing_of_what_failed_inside(int httpStatus, int grpcCode, string message)
    {
        var problem = Problem.FromStatus(Request("/v1/beoordelingen"), httpStatus, new Status { Code = grpcCode, Message = message });

        problem.Status.ShouldBe(httpStatus);
        problem.Detail.ShouldBe("Er ging iets mis bij het verwerken van dit verzoek. Probeer het later opnieuw.");
        problem.Title.ShouldBe(httpStatus == 500 ? "Interne fout" : "Dienst tijdelijk niet beschikbaar");
        problem.InvalidParams.ShouldBeNull();
    }

    [Fact]
    public void Field_violations_become_invalid_params_with_json_paths_and_camel_case_codes()
    {
        var badRequest = new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "case.events[2].hours_per_week", Reason = "INVALID_NUMBER", Description = "must be a number" },
                new BadRequest.Types.FieldViolation { Field = "", Reason = "INVALID_JSON", Description = "the body is not valid JSON" },
            },
        };
        var status = new Status { Code = (int)global::Grpc.Core.StatusCode.InvalidArgument, Message = "…", Details = { Any.Pack(badRequest) } };

        var problem = Problem.FromStatus(Request("/v1/beoordelingen"), 400, status);

        problem.Detail.ShouldBe("2 velden zijn ongeldig: zie invalidParams.");
        problem.Code.ShouldBe("invalidArgument");
        problem.InvalidParams.ShouldBe([
            new InvalidParam("case.events[2].hoursPerWeek", "invalidNumber", "must be a number"),
            new InvalidParam("body", "invalidJson", "the body is not valid JSON"),
        ]);
    }
}
