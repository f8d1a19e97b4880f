using System.Buffers.Binary;
using EligibilityEngine.Grpc.V1;
using Google.Protobuf;

namespace EligibilityEngine.Benchmarks;

/// <summary>
/// Writes one gRPC-framed Evaluate request (1 byte compression flag, 4 bytes big-endian length, the protobuf message)
/// for a load tool that sends raw HTTP/2 bodies: a realistic case with history, as in the evaluation benchmarks.
/// </summary>
public static class GrpcRequestBody
{
    public static void Write(string file)
    {
        var message = Request().ToByteArray();
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        File.WriteAllBytes(file, framed);
        Console.WriteLine($"wrote {framed.Length} bytes to {file}");
    }

    public static EvaluateRequest Request() =>
        new()
        {
            CorrelationId = "load-test",
            AsOf = "2017-06-01",
            Case = new Case
            {
                Person = new Person
                {
                    DateOfBirth = "1990-02-11", HasWorkCapacity = true, SupervisionNeed = SupervisionLevel.Intensive,
                    AdaptationNeed = AdaptationLevel.Limited, SupervisionBeyondEmployer = true, AdaptationsBeyondEmployer = true, Benefit = Benefit.Participatiewet, WswIndication = false,
                },
                Application = new Application { Applicant = Applicant.Person, Date = "2017-03-15", NewFactsStated = false },
                Municipality = new Municipality { Code = "GM0014", EmployeesKnown = true, Employees = { Enumerable.Range(0, 30).Select(_ => new Employee { HoursPerWeek = "25" }) } },
                Events =
                {
                    new Event { Type = EventType.AdviceIssued, Date = "2015-09-01", Result = AdviceResult.Positief },
                    new Event { Type = EventType.Placed, Date = "2015-11-01", HoursPerWeek = "24", EmployerKind = EmployerKind.SwCompany },
                    new Event { Type = EventType.BanenafspraakIndicationGranted, Date = "2016-05-01" },
                    new Event { Type = EventType.Left, Date = "2016-06-30", Reason = LeaveReason.OtherWork },
                    new Event { Type = EventType.BanenafspraakJobStarted, Date = "2016-07-01" },
                    new Event { Type = EventType.BanenafspraakJobEnded, Date = "2017-02-28", Reason = LeaveReason.NotSustainable },
                },
            },
        };
}
