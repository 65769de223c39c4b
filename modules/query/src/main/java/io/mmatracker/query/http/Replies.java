package io.mmatracker.query.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mmatracker.openapi.ApiError;
import io.mmatracker.openapi.ApiException;
import io.mmatracker.openapi.ErrorCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Writes the API's two body shapes: MMA's success envelope {@code {"requestId": ..., "data": ...}}, spliced
 * around already-encoded {@code data} bytes so no JSON encoding happens per request, and the one error
 * format {@code {"RequestId", "HostId", "Code", "Message"}} (Alibaba's gateway shape, see REFERENCE §7).
 */
public final class Replies {

    private static final String JSON = "application/json; charset=utf-8";
    private static final byte[] ENVELOPE_START = "{\"requestId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENVELOPE_DATA = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ECHOED_MESSAGE = 300;

    private final ObjectMapper mapper;
    private final String hostId;
    private final Duration retryAfter;

    /**
     * @param hostId     names this instance in error bodies
     * @param retryAfter what a 503 tells clients to wait
     */
    public Replies(ObjectMapper mapper, String hostId, Duration retryAfter) {
        this.mapper = mapper;
        this.hostId = hostId;
        this.retryAfter = retryAfter;
    }

    /** The success envelope around encoded {@code data}; {@code requestId} must be plain ASCII without quotes. */
    public static ByteBuffer envelope(String requestId, byte[] data) {
        byte[] id = requestId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(ENVELOPE_START.length + id.length + ENVELOPE_DATA.length + data.length + 1);
        body.put(ENVELOPE_START).put(id).put(ENVELOPE_DATA).put(data).put((byte) '}');
        return body.flip();
    }

    public void data(HttpServerExchange exchange, int status, String requestId, byte[] data) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        exchange.getResponseSender().send(envelope(requestId, data));
    }

    public void error(HttpServerExchange exchange, String requestId, ApiException refusal) {
        error(exchange, requestId, refusal.error());
    }

    public void error(HttpServerExchange exchange, String requestId, ErrorCode code, String message) {
        error(exchange, requestId, ApiError.of(code, message == null ? code.code() : message));
    }

    public void error(HttpServerExchange exchange, String requestId, ApiError error) {
        exchange.setStatusCode(error.httpStatus());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        if (error.isUnavailable()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(errorBody(requestId, error)));
    }

    /** The error body; the message is cut short so hostile input is never echoed at length. */
    public byte[] errorBody(String requestId, ApiError error) {
        ObjectNode body = mapper.createObjectNode();
        body.put("RequestId", requestId);
        body.put("HostId", hostId);
        body.put("Code", error.code());
        String text = error.message();
        body.put("Message", text.length() > MAX_ECHOED_MESSAGE ? text.substring(0, MAX_ECHOED_MESSAGE) + "..." : text);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // An ObjectNode of plain strings always serializes; keep a fixed body rather than fail the answer.
            return ("{\"RequestId\":\"" + requestId + "\",\"Code\":\"" + error.code() + "\"}").getBytes(StandardCharsets.US_ASCII);
        }
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
