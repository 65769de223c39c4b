package io.mmatracker.query.api;

import java.util.Set;
import java.util.TreeSet;

import io.mmatracker.openapi.ApiException;
import io.mmatracker.query.http.MmaHeaders;
import io.mmatracker.query.http.Params;

/** Reads {@code X-MMA-Partitions}, the partitions another instance asks this one to answer a list for. */
final class PartitionsHeader {

    private static final int MAX_PARTITION = 100_000;
    private static final int MAX_LENGTH = 800_000;

    private PartitionsHeader() {
    }

    /** The partition numbers, comma separated, blanks ignored; an {@link ApiException} (400) when malformed. */
    static Set<Integer> parse(String header) {
        Set<Integer> out = new TreeSet<>();
        if (header.length() > MAX_LENGTH) {
            throw ApiException.invalid(MmaHeaders.PARTITIONS + " is too long");
        }
        for (String part : header.split(",", -1)) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            long p = Params.id(MmaHeaders.PARTITIONS.toString(), s);
            if (p > MAX_PARTITION) {
                throw ApiException.invalid(MmaHeaders.PARTITIONS + " names a partition above " + MAX_PARTITION);
            }
            out.add((int) p);
        }
        return out;
    }
}
