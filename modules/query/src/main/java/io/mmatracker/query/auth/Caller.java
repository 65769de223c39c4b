package io.mmatracker.query.auth;

import java.util.Optional;
import java.util.function.LongPredicate;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * Who made a request, once authenticated: an AccessKey id or a token's name, and the policy that applies.
 * Attached to the exchange by {@link AuthGate}; absent when access control is off.
 *
 * @param name   the AccessKey id, or the token's name; never a secret (it travels between instances)
 * @param policy what the caller may do
 */
public record Caller(String name, Policy policy) {

    static final AttachmentKey<Caller> KEY = AttachmentKey.create(Caller.class);

    /** The caller of an exchange; empty when access control is off (everything is allowed). */
    public static Optional<Caller> of(HttpServerExchange exchange) {
        return Optional.ofNullable(exchange.getAttachment(KEY));
    }

    /**
     * Which data sources the exchange's caller may use {@code action} on; every source when access control is off.
     * Lists and event streams that span sources keep only these.
     */
    public static LongPredicate readableSources(HttpServerExchange exchange, String action) {
        Caller caller = exchange.getAttachment(KEY);
        return caller == null ? sourceId -> true : sourceId -> caller.isAllowed(action, AccessRules.sourceResource(sourceId));
    }

    public boolean isAllowed(String action, String resource) {
        return policy.isAllowed(action, resource);
    }

    @Override
    public String toString() {
        return "Caller[" + name + "]";
    }
}
