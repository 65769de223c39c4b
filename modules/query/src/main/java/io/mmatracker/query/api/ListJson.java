package io.mmatracker.query.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.list.ListPage;
import io.mmatracker.query.list.ShareRound;
import io.mmatracker.query.state.Endpoint;
import io.undertow.server.HttpServerExchange;

/** Writes MMA's list shape {@code {"total","pageNum","pageSize","objectList"}} around the items' encoded bytes. */
final class ListJson {

    private final Replies replies;

    ListJson(Replies replies) {
        this.replies = replies;
    }

    /** Writes the page of {@code result}'s items that {@code pageNum}/{@code pageSize} selects, or a 503. */
    void render(Call call, ListPage result, int pageNum, int pageSize, int echoedPageSize) {
        write(call, result, pageNum, pageSize, echoedPageSize, "");
    }

    /** Writes a share's items of a {@link ShareRound.FromBucket} round (all of them), naming the bucket; or a 503. */
    void renderFromBucket(Call call, ListPage result, ShareRound.FromBucket round) {
        write(call, result, 1, round.limit(), round.limit(), "\"" + ShareRound.FROM_BUCKET_FIELD + "\":" + round.bucket() + ",");
    }

    /** Writes a share's bucket counts ({@code {"total","buckets":[[bucket,count],...]}}), or a 503. */
    void renderCounts(Call call, ListPage result) {
        if (!(result instanceof ListPage.Counts counts)) {
            unavailable(call, result);
            return;
        }
        StringBuilder data = new StringBuilder(32 + 24 * counts.buckets().size())
                .append("{\"total\":").append(counts.total()).append(",\"").append(ShareRound.BUCKETS_FIELD).append("\":[");
        counts.buckets().forEach((bucket, count) -> data.append(data.charAt(data.length() - 1) == '[' ? "" : ",")
                .append('[').append(bucket).append(',').append(count).append(']'));
        data.append("]}");
        headers(call.exchange(), counts.servedBy(), counts.stale());
        replies.data(call.exchange(), 200, call.requestId(), data.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private void write(Call call, ListPage result, int pageNum, int pageSize, int echoedPageSize, String extraFields) {
        HttpServerExchange exchange = call.exchange();
        if (!(result instanceof ListPage.Page page)) {
            unavailable(call, result);
            return;
        }
        int from = (int) Math.min(page.items().size(), Math.max(0, (long) (pageNum - 1) * pageSize - page.offset()));
        int to = (int) Math.min(page.items().size(), (long) from + pageSize);
        ByteArrayOutputStream data = new ByteArrayOutputStream(256 + 512 * (to - from));
        data.writeBytes(("{" + extraFields + "\"total\":" + page.total() + ",\"pageNum\":" + pageNum + ",\"pageSize\":" + echoedPageSize
                + ",\"objectList\":[").getBytes(StandardCharsets.US_ASCII));
        for (int i = from; i < to; i++) {
            if (i > from) {
                data.write(',');
            }
            data.writeBytes(page.items().get(i).data());
        }
        data.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        headers(exchange, page.servedBy(), page.stale());
        replies.data(exchange, 200, call.requestId(), data.toByteArray());
    }

    private static void headers(HttpServerExchange exchange, Set<Endpoint> servedBy, boolean stale) {
        exchange.getResponseHeaders().put(MmaHeaders.SERVED_BY, servedBy.stream().map(Endpoint::toString).sorted().collect(Collectors.joining(",")));
        exchange.getResponseHeaders().put(MmaHeaders.STALE, Boolean.toString(stale));
    }

    /** A 503 for a list that could not be gathered; the rounds' own answers never reach a client. */
    private void unavailable(Call call, ListPage result) {
        if (!(result instanceof ListPage.Unavailable unavailable)) {
            throw new IllegalStateException("not an answer to this request: " + result);
        }
        replies.error(call.exchange(), call.requestId(), ErrorCode.SERVICE_UNAVAILABLE, "the list cannot be gathered now (" + unavailable.reason() + ")");
    }
}
