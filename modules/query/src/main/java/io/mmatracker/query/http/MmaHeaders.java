package io.mmatracker.query.http;

import io.undertow.util.HttpString;

/** The tracker's own HTTP headers: freshness of an answer, and markers of requests between instances. */
public final class MmaHeaders {

    private MmaHeaders() {
    }

    /** When MMA was read for the object served (ISO-8601 UTC), i.e. the snapshot's meta.observedAt. */
    public static final HttpString OBSERVED_AT = new HttpString("X-MMA-Observed-At");
    /** The instance ({@code host:port}) whose state answered. */
    public static final HttpString SERVED_BY = new HttpString("X-MMA-Served-By");
    /** {@code true} when the answer came from a standby or restoring copy, which may lag the active one. */
    public static final HttpString STALE = new HttpString("X-MMA-Stale");
    /** Set by an instance that forwards a request to the owner of the key: the receiver answers locally only. */
    public static final HttpString FORWARDED_BY = new HttpString("X-MMA-Forwarded-By");
    /** The request id the forwarding instance chose, so both instances log the same id. */
    public static final HttpString REQUEST_ID = new HttpString("X-MMA-Request-Id");
    /**
     * Marks a list request sent by a gathering instance: the receiver scans only its local copies of the
     * partitions named here (comma-separated) and never fans out again.
     */
    public static final HttpString PARTITIONS = new HttpString("X-MMA-Partitions");
    /**
     * On an internal list request: which round of a deep page the share answers ({@code counts}, or
     * {@code bucket=<n>;limit=<n>}; see {@code list.ShareRound}). Absent: its first {@code pageNum * pageSize} matches.
     */
    public static final HttpString LIST_ROUND = new HttpString("X-MMA-List-Round");
    /** On an internal request: standby copies may answer ({@code true}) or only active ones. */
    public static final HttpString ALLOW_STALE = new HttpString("X-MMA-Allow-Stale");
    /** On a forward between instances: the caller (AccessKey id or token name) the forwarding instance acts for. */
    public static final HttpString CALLER = new HttpString("X-MMA-Caller");
    /** On a forward between instances: the instance credential over the request (see {@code auth.InstanceCredential}). */
    public static final HttpString INSTANCE_AUTH = new HttpString("X-MMA-Instance-Auth");
}
