package io.mmatracker.query.list;

/**
 * Which round of a deep page an internal list request asks of a share ({@code X-MMA-List-Round}): a list gathered
 * from several instances past the first bucket of ids is read in two rounds, so that no share sends the matches
 * before the page (see {@link ListGatherer}). Without the header a share answers its first {@code pageNum * pageSize}
 * matches, as before the rounds.
 */
public sealed interface ShareRound {

    /** The field of a counts answer's {@code data} holding {@code [bucket, count]} pairs, ascending. */
    String BUCKETS_FIELD = "buckets";
    /** The field of a {@link FromBucket} answer's {@code data} naming its bucket: an older version's answer lacks it. */
    String FROM_BUCKET_FIELD = "fromBucket";

    /** The longest header value accepted (a bucket and a limit fit in far less). */
    int MAX_HEADER_LENGTH = 64;

    /** The header value that asks for this round. */
    String header();

    /** First round: the share's matches per bucket of 1024 ids, and their total. */
    record Counts() implements ShareRound {
        @Override
        public String header() {
            return "counts";
        }
    }

    /** Second round: the share's first {@code limit} matches from bucket {@code bucket} on, and their total. */
    record FromBucket(long bucket, int limit) implements ShareRound {
        public FromBucket {
            if (bucket < 0 || limit < 1) {
                throw new IllegalArgumentException("a bucket is 0 or more and a limit 1 or more");
            }
        }

        @Override
        public String header() {
            return "bucket=" + bucket + ";limit=" + limit;
        }
    }

    /**
     * Reads a header value written by {@link #header()}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static ShareRound parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("is too long");
        }
        if (header.equals("counts")) {
            return new Counts();
        }
        int semicolon = header.indexOf(";limit=");
        if (!header.startsWith("bucket=") || semicolon < 0) {
            throw new IllegalArgumentException("must be counts or bucket=<n>;limit=<n>");
        }
        try {
            return new FromBucket(Long.parseLong(header.substring("bucket=".length(), semicolon)),
                    Integer.parseInt(header.substring(semicolon + ";limit=".length())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be counts or bucket=<n>;limit=<n>");
        }
    }
}
