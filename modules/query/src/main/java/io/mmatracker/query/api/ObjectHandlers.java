package io.mmatracker.query.api;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

import io.mmatracker.query.encode.View;
import io.mmatracker.openapi.ErrorCode;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;
import io.mmatracker.query.http.Replies;
import io.mmatracker.query.lookup.Answer;
import io.mmatracker.query.lookup.ObjectLookup;
import io.mmatracker.query.state.Endpoint;
import io.mmatracker.query.state.SnapshotStore;
import io.mmatracker.schema.topic.Keys;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * The routes that answer one stored value by key (MMA's GETs, summaries, histories): parse the path, ask
 * {@link ObjectLookup}, write the answer with its freshness headers.
 */
final class ObjectHandlers {

    private static final String SOURCES = "/api/v1/mms/datasources/";

    private final ObjectLookup lookup;
    private final Replies replies;
    private final Exchanges exchanges;

    ObjectHandlers(ObjectLookup lookup, Replies replies, Exchanges exchanges) {
        this.lookup = lookup;
        this.replies = replies;
        this.exchanges = exchanges;
    }

    /** GetMmsDataSource: {@code withConfig} chooses the view, {@code lang} is accepted and checked. */
    void dataSource(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        boolean withConfig = call.query().bool("withConfig", false);
        call.query().lang();
        String path = SOURCES + sourceId + (withConfig ? "?withConfig=true" : "");
        serve(call, SnapshotStore.DATA_SOURCES, Keys.dataSource(sourceId), withConfig ? View.FULL : View.WITHOUT_CONFIG, path);
    }

    /** A source's object at {@code …/{segment}/{idName}}, kept in {@code store} under {@code sourceId/objectId}. */
    RouteHandler object(SnapshotStore store, String segment, String idName) {
        return call -> objectOrHistory(call, store, segment, idName, "");
    }

    /** An object's status changes and alerts, newest first: a store of the topology like any other, so served alike. */
    RouteHandler history(SnapshotStore store, String segment, String idName) {
        return call -> objectOrHistory(call, store, segment, idName, "/history");
    }

    /** ListMmsTaskLogs: the log steps the tracker holds of a task, read from the task's snapshot. */
    void taskLogs(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        long taskId = Params.id("taskId", call.pathParam("taskId"));
        serve(call, SnapshotStore.TASKS, Keys.object(sourceId, taskId), View.TASK_LOGS, SOURCES + sourceId + "/tasks/" + taskId + "/logs");
    }

    void summary(Call call) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        serve(call, SnapshotStore.SOURCE_SUMMARIES, Keys.dataSource(sourceId), View.FULL, SOURCES + sourceId + "/summary");
    }

    private void objectOrHistory(Call call, SnapshotStore store, String segment, String idName, String suffix) {
        long sourceId = Params.id("sourceId", call.pathParam("sourceId"));
        long objectId = Params.id(idName, call.pathParam(idName));
        String path = SOURCES + sourceId + "/" + segment + "/" + objectId + suffix;
        serve(call, store, Keys.object(sourceId, objectId), View.FULL, path);
    }

    private void serve(Call call, SnapshotStore store, String key, View view, String pathAndQuery) {
        CompletionStage<Answer> answer = lookup.find(store, key, view, pathAndQuery, call.requestId(), call.isForwarded());
        exchanges.whenDone(call, answer, a -> render(call, store, key, a));
    }

    private void render(Call call, SnapshotStore store, String key, Answer answer) {
        HttpServerExchange exchange = call.exchange();
        if (answer instanceof Answer.Found found) {
            freshness(exchange, found.servedBy(), found.stale());
            exchange.getResponseHeaders().put(MmaHeaders.OBSERVED_AT, found.encoded().observedAt().toString());
            replies.data(exchange, 200, call.requestId(), found.encoded().data());
        } else if (answer instanceof Answer.Missing missing) {
            freshness(exchange, missing.servedBy(), false);
            replies.error(exchange, call.requestId(), ErrorCode.OBJECT_NOT_FOUND,
                    store.objectName() + " " + key + " is not in the tracker's state");
        } else if (answer instanceof Answer.Relayed relayed) {
            relayed.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
            exchange.setStatusCode(relayed.status());
            exchange.getResponseSender().send(ByteBuffer.wrap(relayed.body()));
        } else {
            replies.error(exchange, call.requestId(), ErrorCode.SERVICE_UNAVAILABLE,
                    "no copy of " + store.objectName() + " " + key + " can answer now (" + ((Answer.Unavailable) answer).reason() + ")");
        }
    }

    private static void freshness(HttpServerExchange exchange, Endpoint servedBy, boolean stale) {
        exchange.getResponseHeaders().put(MmaHeaders.SERVED_BY, servedBy.toString());
        exchange.getResponseHeaders().put(MmaHeaders.STALE, Boolean.toString(stale));
    }
}
