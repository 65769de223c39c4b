package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

import io.mmatracker.openapi.ErrorCode;

/**
 * Turns an HTTP status and body into MMA's {@code data} or the matching {@link MmaException}. Pure: no I/O, so every
 * mapping is unit-testable. Bodies never end up in messages (a GetMmsDataSource body may hold passwords).
 */
final class Responses {

    private static final int MAX_MESSAGE_CHARS = 300;

    private final ObjectMapper json;

    Responses(ObjectMapper json) {
        this.json = json;
    }

    /** The {@code data} of a 2xx response, with what identifies the response in an error message. */
    record Data(JsonNode node, int httpStatus, String requestId) {
    }

    /**
     * The {@code data} node of a successful response.
     *
     * @throws MmaException the kind the status and error body call for
     */
    Data data(String operation, int status, byte[] body, String contentType, String headerRequestId) {
        if (status < 200 || status > 299) {
            throw error(operation, status, body, contentType, headerRequestId);
        }
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            throw new MmaException.Malformed(operation, status, headerRequestId,
                    "response body is not a JSON object (" + describeBody(body, contentType) + ")", null);
        }
        String requestId = firstText(root, "requestId", "RequestId", headerRequestId);
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw new MmaException.Malformed(operation, status, requestId, "response has no data", null);
        }
        return new Data(data, status, requestId);
    }

    /** The exception for a non-2xx response (REFERENCE §7); see the module README for the table. */
    MmaException error(String operation, int status, byte[] body, String contentType, String headerRequestId) {
        JsonNode root = parse(body);
        boolean hasErrorBody = root != null && root.isObject();
        String code = hasErrorBody ? firstText(root, "Code", "code", null) : null;
        String requestId = hasErrorBody ? firstText(root, "RequestId", "requestId", headerRequestId) : headerRequestId;
        String message = hasErrorBody ? truncate(firstText(root, "Message", "message", null)) : null;

        if (code != null && code.startsWith("Throttling") && (status == 400 || status == 429 || status == 503)) {
            return new MmaException.Throttled(operation, status, code, requestId, message);
        }
        if (status == 429) {
            return new MmaException.Throttled(operation, status, code, requestId, message);
        }
        if (status == 401 || status == 403 || isAuthenticationCode(code)) {
            return new MmaException.Unauthorized(operation, status, code, requestId, message);
        }
        if (status >= 500) {
            // A proxy's HTML 502/503 page is still a transient server failure, so no error body is needed here.
            return new MmaException.ServerError(operation, status, code, requestId,
                    hasErrorBody ? message : "no MMA error body (" + describeBody(body, contentType) + ")");
        }
        if (!hasErrorBody) {
            // Without MMA's error body a 404 may come from a wrong endpoint or proxy: never report it as NotFound,
            // which a poller would take as "the object is gone".
            return new MmaException.Malformed(operation, status, requestId,
                    "error response without an MMA error body (" + describeBody(body, contentType) + ")", null);
        }
        if (status == 404 && !ErrorCode.UNKNOWN_ACTION.code().equals(code)) {
            return new MmaException.NotFound(operation, status, code, requestId, message);
        }
        if (status >= 400) {
            return new MmaException.InvalidParameter(operation, status, code, requestId, message);
        }
        return new MmaException.Malformed(operation, status, requestId, "unexpected HTTP status", null);
    }

    private static boolean isAuthenticationCode(String code) {
        return code != null && (code.startsWith("Forbidden")
                || code.equals(ErrorCode.SIGNATURE_MISMATCH.code())
                || code.equals(ErrorCode.INCOMPLETE_SIGNATURE.code())
                || code.startsWith("InvalidAccessKeyId")
                || code.startsWith("InvalidSecurityToken"));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String firstText(JsonNode root, String name, String otherName, String fallback) {
        for (String field : new String[] {name, otherName}) {
            JsonNode value = root.get(field);
            if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                return value.asText().trim();
            }
        }
        return fallback;
    }

    private static String truncate(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static String describeBody(byte[] body, String contentType) {
        int length = body == null ? 0 : body.length;
        return length + " bytes" + (contentType == null ? "" : ", " + contentType);
    }
}
