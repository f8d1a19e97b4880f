using EligibilityEngine.Facts;
using EligibilityEngine.Cases;
using EligibilityEngine.Review;
using Microsoft.Extensions.Options;
using Grpc.Core;
using V1 = EligibilityEngine.Grpc.V1;

namespace EligibilityEngine.Host.Services;

/// <summary>Reading decision records (Logboek Dataverwerkingen): each organisation reads its own.</summary>
public sealed partial class EligibilityGrpcService
{
    public override async Task<V1.GetDecisionRecordResponse> GetDecisionRecord(V1.GetDecisionRecordRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.DecisionId, out var id))
            throw CallError.InvalidArgument([CallError.Violation("decision_id", ViolationReason.InvalidValue, "must be a decision id (a UUID)")]).ToRpcException();
        var owner = Reader(context);
        // Another organisation's record is not found: its existence is not the caller's business either.
        var record = await ReadRecords(store => store.FindAsync(id, context.CancellationToken)) is { } found && (owner is null || owner.Made(found))
            ? found : throw new RpcException(new global::Grpc.Core.Status(StatusCode.NotFound, $"no decision {id}"));
        return new V1.GetDecisionRecordResponse { Record = Audit.RecordMapper.Map(record) };
    }

    public override async Task<V1.ListDecisionRecordsResponse> ListDecisionRecords(V1.ListDecisionRecordsRequest request, ServerCallContext context)
    {
        var mapper = new RequestMapper();
        var (from, to) = (mapper.Date(request.From, "from"), mapper.Date(request.To, "to"));
        if (request.PageSize is < 0 or > 1000) mapper.Violation("page_size", ViolationReason.OutOfRange, "must be 1 to 1000 (0: 100)");
        Guid? after = null;
        if (request.PageToken.Length > 0)
        {
            if (Guid.TryParse(request.PageToken, out var token)) after = token;
            else mapper.Violation("page_token", ViolationReason.InvalidValue, "is not a next_page_token this service gave");
        }

        if (mapper.Violations.Count > 0) throw CallError.InvalidArgument(mapper.Violations).ToRpcException();
        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var query = new EligibilityEngine.Audit.RecordQuery(Midnight(from), Midnight(to), NonEmpty(request.RuleSetHash), NonEmpty(request.Outcome),
            Limit: size + 1, After: after, Owner: Reader(context));
        var records = await ReadRecords(store => store.ListAsync(query, context.CancellationToken));
        var response = new V1.ListDecisionRecordsResponse();
        response.Records.Add(records.Take(size).Select(Audit.RecordMapper.Map));
        if (records.Count > size) response.NextPageToken = records[size - 1].DecisionId.ToString();
        return response;

        static DateTimeOffset? Midnight(DateOnly? date) => date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        static string? NonEmpty(string text) => text.Length == 0 ? null : text;
    }

    /// <summary>Whose records the caller reads (<see cref="Audit.RecordAccess"/>); null: all, for an auditor.</summary>
    private EligibilityEngine.Audit.RecordOwner? Reader(ServerCallContext context)
    {
        try
        {
            return Audit.RecordAccess.Of(context.GetHttpContext(), security.Value);
        }
        catch (Audit.UnknownReaderException unknown)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.PermissionDenied, unknown.Message));
        }
    }

    /// <summary>A read of the audit log; a deployment without records, or a store that cannot be reached, is said so.</summary>
    private async Task<T> ReadRecords<T>(Func<EligibilityEngine.Audit.IDecisionStore, Task<T>> read)
    {
        if (decisionLog.Store is not { } store)
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, "this deployment keeps no decision records (Audit:Enabled=false)"));
        try
        {
            return await read(store);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            logger.LogError("Audit log not readable: {Fault}: {Message}", ex.GetType().Name, ex.Message);
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, "the audit log cannot be read now; try again later"));
        }
    }
}
