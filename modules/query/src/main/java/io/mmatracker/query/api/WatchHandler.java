package io.mmatracker.query.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.watch.WatchPublisher;
import io.mmatracker.schema.WatchRequest;
import io.mmatracker.schema.topic.Keys;
import io.undertow.server.HttpServerExchange;

/** {@code POST …/asyncTasks/{asyncTaskId}/watch}: asks the poller, through a {@link WatchPublisher}, to track an async task. */
final class WatchHandler implements RouteHandler {

    private static final int MAX_REASON = 200;

    private final WatchPublisher watches;
    private final Replies replies;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Exchanges exchanges;

    WatchHandler(WatchPublisher watches, Replies replies, ObjectMapper mapper, Clock clock, Exchanges exchanges) {
        this.watches = watches;
        this.replies = replies;
        this.mapper = mapper;
        this.clock = clock;
        this.exchanges = exchanges;
    }

    @Override
    public void handle(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        long asyncTaskId = Params.id("asyncTaskId", call.pathParam("asyncTaskId"));
        String reason = call.query().single("reason").map(r -> r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r).orElse(null);
        WatchRequest request = WatchRequest.newBuilder()
                .setSourceId(sourceId)
                .setAsyncTaskId(asyncTaskId)
                .setRequestedAt(clock.instant())
                .setRequestedBy("http:" + peer(call.exchange()))
                .setReason(reason)
                .build();
        exchanges.dispatch(call, () -> exchanges.whenDone(call, watches.publish(request).handle((ok, failure) -> failure), failure -> {
            if (failure != null) {
                replies.error(call.exchange(), call.requestId(), ErrorCode.SERVICE_UNAVAILABLE,
                        "the watch request could not be stored now; retry later");
                return;
            }
            ObjectNode data = mapper.createObjectNode();
            data.put("sourceId", sourceId);
            data.put("asyncTaskId", asyncTaskId);
            data.put("key", Keys.object(sourceId, asyncTaskId));
            replies.data(call.exchange(), 202, call.requestId(), data.toString().getBytes(StandardCharsets.UTF_8));
        }));
    }

    private static String peer(HttpServerExchange exchange) {
        var address = exchange.getSourceAddress();
        return address == null ? "unknown" : address.getHostString();
    }
}
