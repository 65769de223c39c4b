package io.mmatracker.query.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.list.ListPage;
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
        HttpServerExchange exchange = call.exchange();
        if (result instanceof ListPage.Unavailable unavailable) {
            replies.error(exchange, call.requestId(), ErrorCode.SERVICE_UNAVAILABLE, "the list cannot be gathered now (" + unavailable.reason() + ")");
            return;
        }
        ListPage.Page page = (ListPage.Page) result;
        int from = (int) Math.min(page.items().size(), Math.max(0, (long) (pageNum - 1) * pageSize - page.offset()));
        int to = (int) Math.min(page.items().size(), (long) from + pageSize);
        ByteArrayOutputStream data = new ByteArrayOutputStream(256 + 512 * (to - from));
        data.writeBytes(("{\"total\":" + page.total() + ",\"pageNum\":" + pageNum + ",\"pageSize\":" + echoedPageSize + ",\"objectList\":[")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = from; i < to; i++) {
            if (i > from) {
                data.write(',');
            }
            data.writeBytes(page.items().get(i).data());
        }
        data.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        exchange.getResponseHeaders().put(MmaHeaders.SERVED_BY,
                page.servedBy().stream().map(Endpoint::toString).sorted().collect(Collectors.joining(",")));
        exchange.getResponseHeaders().put(MmaHeaders.STALE, Boolean.toString(page.stale()));
        replies.data(exchange, 200, call.requestId(), data.toByteArray());
    }
}
