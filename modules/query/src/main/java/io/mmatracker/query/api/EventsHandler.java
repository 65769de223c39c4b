package io.mmatracker.query.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mmatracker.query.auth.AccessRules;
import io.mmatracker.query.auth.Caller;
import io.mmatracker.query.events.EventFilter;
import io.mmatracker.query.events.EventId;
import io.mmatracker.query.events.EventStreams;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.query.http.Params;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/** {@code GET /events}: parses the filter and the resume point, then hands the exchange to {@link EventStreams}. */
final class EventsHandler implements RouteHandler {

    private static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");

    private final EventStreams events;

    EventsHandler(EventStreams events) {
        this.events = events;
    }

    @Override
    public void handle(Call call) throws Exception {
        Params q = call.query();
        Optional<Long> source = q.optionalId("source");
        Optional<Long> job = q.optionalId("job");
        List<String> types = q.subset("types", List.of(EventFilter.CHANGES, EventFilter.ALERTS));
        String lastEventId = call.exchange().getRequestHeaders().getFirst(LAST_EVENT_ID);
        if (lastEventId == null) {
            lastEventId = q.single("lastEventId").orElse(null);
        }
        Optional<EventId> resume = Optional.empty();
        int replay = q.intInRange("replay", 0, 0, events.maxReplay());
        if (lastEventId != null && !lastEventId.isEmpty()) {
            resume = EventId.parse(lastEventId);
            if (resume.isEmpty()) {
                throw ApiException.invalid("Last-Event-ID must be topic/partition/offset as sent in an event id");
            }
        }
        if (Methods.HEAD.equals(call.exchange().getRequestMethod())) {
            call.exchange().getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=UTF-8");
            call.exchange().endExchange();
            return;
        }
        events.open(call.exchange(), new EventFilter(source, job, Set.copyOf(types),
                Caller.readableSources(call.exchange(), AccessRules.EVENTS)), resume, replay);
    }
}
