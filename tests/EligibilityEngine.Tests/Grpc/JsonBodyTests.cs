using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EligibilityEngine.Tests.Support;

namespace EligibilityEngine.Tests.Grpc;

/// <summary>
/// A JSON body with a key twice or with bytes that are not UTF-8, sent over a real socket: a 400 naming the place,
/// never a 500, nothing at Error in the log, and never a text quietly repaired with U+FFFD (gRPC refuses such a
/// string too).
/// </summary>
[Trait(Category.Name, Category.Process)]
public sealed class JsonBodyTests
{
    private static readonly byte[] Ff = [0xFF];

    public static TheoryData<string, byte[], string> Bodies => new()
    {
        { "a key twice at the top", Utf8("""{"asOf":"2018-03-01","asOf":"2019-03-01","case":{}}"""), "holds a key twice (byte 22)" },
        { "a key twice in the case", Utf8("""{"asOf":"2018-03-01","case":{"person":{"hasWorkCapacity":true,"hasWorkCapacity":false}}}"""), "holds a key twice (byte 63)" },
        { "a key that is not UTF-8", [.. Utf8("""{"as"""), .. Ff, .. Utf8("""Of":"2018-03-01","case":{}}""")], "is not UTF-8 (byte 5)" },
        { "a string that is not UTF-8", [.. Utf8("""{"asOf":"2018-03-01","correlationId":"a"""), .. Ff, .. Utf8("""b","case":{}}""")], "is not UTF-8 (byte 40)" },
        { "a surrogate written in UTF-8", [.. Utf8("""{"asOf":"2018-03-01","correlationId":"a"""), 0xED, 0xA0, 0x80, .. Utf8("\",\"case\":{}}")], "is not UTF-8 (byte 40)" },
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_with_a_duplicate_key_or_bytes_that_are_not_utf8_is_400_saying_where(string kind, byte[] body, string reason)
    {
        var logs = new CapturedLogs();
        await using var host = await RunningHost.StartLoggingAsync(logs);
        using var http = host.CreateHttp(clientCertificate: null);
        var before = logs.Lines.Count; // the start-up's lines (health is unhealthy until the rules are in) are not the call's
        using var content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/json") } };

        using var response = await http.PostAsync("/v1/beoordelingen", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, kind);
        var problem = await ProblemBody.Read(response);
        problem.InvalidParams["body"].Code.ShouldBe("invalidJson");
        problem.InvalidParams["body"].Reason.ShouldBe("the body " + reason);
        logs.Lines.Skip(before).Where(l => l.StartsWith("Error") || l.StartsWith("Critical")).ShouldBeEmpty();
        await using var store = await EligibilityEngine.Audit.SqliteDecisionStore.OpenAsync(host.AuditStore);
        (await store.CountAsync()).ShouldBe(0);
    }
}
