package io.mmatracker.client;

import io.mmatracker.signature.Rfc3986;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MMA OpenAPI operations this client calls: action name ({@code x-acs-action}), HTTP method and path template
 * (MaxCompute 2022-01-04, ROA style; REFERENCE §1). DeleteMmsJob-style quirks are kept as the SDK has them.
 */
public enum MmsOperation {
    LIST_MMS_DATA_SOURCES("ListMmsDataSources", "GET", "/api/v1/mms/datasources"),
    GET_MMS_DATA_SOURCE("GetMmsDataSource", "GET", "/api/v1/mms/datasources/{sourceId}"),
    CREATE_MMS_FETCH_METADATA_JOB("CreateMmsFetchMetadataJob", "POST", "/api/v1/mms/datasources/{sourceId}/scans"),
    GET_MMS_FETCH_METADATA_JOB("GetMmsFetchMetadataJob", "GET", "/api/v1/mms/datasources/{sourceId}/scans/{scanId}"),
    LIST_MMS_TABLES("ListMmsTables", "GET", "/api/v1/mms/datasources/{sourceId}/tables"),
    GET_MMS_TABLE("GetMmsTable", "GET", "/api/v1/mms/datasources/{sourceId}/tables/{tableId}"),
    CREATE_MMS_JOB("CreateMmsJob", "POST", "/api/v1/mms/datasources/{sourceId}/jobs"),
    LIST_MMS_JOBS("ListMmsJobs", "GET", "/api/v1/mms/datasources/{sourceId}/jobs"),
    GET_MMS_JOB("GetMmsJob", "GET", "/api/v1/mms/datasources/{sourceId}/jobs/{jobId}"),
    START_MMS_JOB("StartMmsJob", "POST", "/api/v1/mms/datasources/{sourceId}/jobs/{jobId}/start"),
    STOP_MMS_JOB("StopMmsJob", "POST", "/api/v1/mms/datasources/{sourceId}/jobs/{jobId}/stop"),
    RETRY_MMS_JOB("RetryMmsJob", "POST", "/api/v1/mms/datasources/{sourceId}/jobs/{jobId}/retry"),
    LIST_MMS_TASKS("ListMmsTasks", "GET", "/api/v1/mms/datasources/{sourceId}/tasks"),
    GET_MMS_TASK("GetMmsTask", "GET", "/api/v1/mms/datasources/{sourceId}/tasks/{taskId}"),
    GET_MMS_ASYNC_TASK("GetMmsAsyncTask", "GET", "/api/v1/mms/datasources/{sourceId}/asyncTasks/{asyncTaskId}");

    /** The API version every MMS operation belongs to ({@code x-acs-version}). */
    public static final String API_VERSION = "2022-01-04";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-zA-Z]+}");

    private final String action;
    private final String method;
    private final String pathTemplate;

    MmsOperation(String action, String method, String pathTemplate) {
        this.action = action;
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    /** The action name, e.g. {@code GetMmsJob}. */
    public String action() {
        return action;
    }

    /** {@code GET} or {@code POST}. */
    public String method() {
        return method;
    }

    /** The path with {@code {placeholders}}, e.g. {@code /api/v1/mms/datasources/{sourceId}/jobs/{jobId}}. */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * The path with each placeholder replaced, in order, by the RFC 3986-encoded id (a {@code /} in an id becomes
     * {@code %2F}, so an id can never climb out of its segment).
     *
     * @throws IllegalArgumentException when the number of ids is wrong or an id is blank
     */
    public String path(String... ids) {
        Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
        StringBuilder out = new StringBuilder();
        int index = 0;
        while (matcher.find()) {
            if (index >= ids.length) {
                throw new IllegalArgumentException(action + " needs " + matcher.group() + " but only "
                        + ids.length + " id(s) were given");
            }
            String id = Objects.requireNonNull(ids[index], () -> action + ": " + matcher.group() + " is null");
            if (id.isBlank()) {
                throw new IllegalArgumentException(action + ": " + matcher.group() + " is blank");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(Rfc3986.encode(id)));
            index++;
        }
        if (index != ids.length) {
            throw new IllegalArgumentException(action + " takes " + index + " id(s), got " + ids.length);
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return action;
    }
}
