package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** MMA's paged lists: reading one {@code {total, pageNum, pageSize, objectList}} page, and walking all pages lazily. */
final class Paging {

    private Paging() {
    }

    /**
     * Reads a list payload. {@code total} is required; a missing or null {@code objectList} is an empty page;
     * {@code pageNum}/{@code pageSize} default to what was asked for when MMA does not echo them.
     *
     * @throws IllegalArgumentException naming what is wrong, for the caller to report as malformed
     */
    static <T> Page<T> read(JsonNode data, int pageNum, int pageSize, Function<JsonNode, T> item) {
        LenientJson envelope = new LenientJson(data, "page");
        Long total = envelope.longValue("total");
        if (total == null) {
            throw new IllegalArgumentException("page: total is missing");
        }
        Integer echoedNum = envelope.intValue("pageNum");
        Integer echoedSize = envelope.intValue("pageSize");
        JsonNode list = data.get("objectList");
        List<T> items = new ArrayList<>();
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("page: objectList is not an array");
            }
            for (JsonNode element : list) {
                items.add(item.apply(element));
            }
        }
        return new Page<>(total, echoedNum == null ? pageNum : echoedNum,
                echoedSize == null ? pageSize : echoedSize, items);
    }

    /**
     * A sequential stream over every item, fetching page 1, 2, ... only as the stream is consumed, until
     * {@link Page#isLast} (an empty page, or {@code total} items seen; a short page alone does not end it).
     */
    static <T> Stream<T> stream(IntFunction<Page<T>> fetchPage) {
        Iterator<T> iterator = new PageIterator<>(fetchPage);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator<T> implements Iterator<T> {
        private final IntFunction<Page<T>> fetchPage;
        private Iterator<T> current = Collections.emptyIterator();
        private int nextPageNum = 1;
        private long seen;
        private boolean lastPageFetched;

        PageIterator(IntFunction<Page<T>> fetchPage) {
            this.fetchPage = fetchPage;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !lastPageFetched) {
                Page<T> page = fetchPage.apply(nextPageNum++);
                List<T> items = page.items();
                seen += items.size();
                lastPageFetched = page.isLast(seen);
                current = items.iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
