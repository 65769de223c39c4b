package io.mmatracker.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmatracker.signature.Acs3Signer;
import io.mmatracker.signature.SignableRequest;
import io.mmatracker.schema.MmsAsyncTask;
import io.mmatracker.schema.MmsDataSource;
import io.mmatracker.schema.MmsFetchMetadataJob;
import io.mmatracker.schema.MmsJob;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.schema.MmsTask;
import io.mmatracker.schema.MmsTaskLog;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MMA OpenAPI over the JDK's {@link HttpClient}: builds the path and query as the SDKs do, signs with
 * ACS3-HMAC-SHA256 (or sends unsigned when the config has no credentials), enforces the request deadline, and maps
 * every failure to an {@link MmaException}. It never retries: the caller owns retry and backoff.
 * Thread-safe; create one per endpoint and share it.
 */
public final class MmaClient implements MmaApi {

    private static final Logger LOG = LoggerFactory.getLogger(MmaClient.class);
    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private final MmaClientConfig config;
    private final Acs3Signer signer;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Responses responses = new Responses(json);
    private final String origin;
    private final String basePath;
    private final String host;

    /** A client signing with the system clock and random nonces. */
    public MmaClient(MmaClientConfig config) {
        this(config, Acs3Signer.withSystemClock());
    }

    /** A client with a given signer (tests fix its clock and nonces). */
    public MmaClient(MmaClientConfig config, Acs3Signer signer) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        // HTTP/1.1 only: with HTTP/2 the JDK tries an h2c upgrade on http:// endpoints, which some servers mishandle.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI endpoint = config.endpoint();
        this.origin = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + endpoint.getRawAuthority();
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.host = hostHeader(endpoint);
    }

    /** The configuration this client was built with. */
    public MmaClientConfig config() {
        return config;
    }

    @Override
    public Stream<MmsDataSource> listMmsDataSources(DataSourceFilter filter) {
        return Paging.stream(pageNum -> listMmsDataSourcesPage(filter, pageNum, config.defaultPageSize()));
    }

    @Override
    public Page<MmsDataSource> listMmsDataSourcesPage(DataSourceFilter filter, int pageNum, int pageSize) {
        return page(MmsOperation.LIST_MMS_DATA_SOURCES, ids(), filterOrAll(filter, DataSourceFilter.all()).toQuery(),
                pageNum, pageSize, avro(MmsDataSource.class));
    }

    @Override
    public MmsDataSource getMmsDataSource(String sourceId, boolean withConfig, String lang) {
        QueryBuilder query = new QueryBuilder().add("withConfig", withConfig).add("lang", lang);
        return single(MmsOperation.GET_MMS_DATA_SOURCE, ids(sourceId), query.build(), avro(MmsDataSource.class));
    }

    @Override
    public MmsFetchMetadataJob getMmsFetchMetadataJob(String sourceId, String scanId) {
        return single(MmsOperation.GET_MMS_FETCH_METADATA_JOB, ids(sourceId, scanId), Map.of(),
                avro(MmsFetchMetadataJob.class));
    }

    @Override
    public long createMmsFetchMetadataJob(String sourceId, String dbName, List<String> tableNames) {
        ObjectNode body = json.createObjectNode();
        if (dbName != null) {
            body.put("dbName", dbName);
        }
        if (tableNames != null && !tableNames.isEmpty()) {
            body.set("tableNames", json.valueToTree(tableNames));
        }
        return mapped(MmsOperation.CREATE_MMS_FETCH_METADATA_JOB,
                call(MmsOperation.CREATE_MMS_FETCH_METADATA_JOB, ids(sourceId), Map.of(), body), idField("scanId"));
    }

    @Override
    public Stream<MmsJob> listMmsJobs(String sourceId, JobFilter filter) {
        return Paging.stream(pageNum -> listMmsJobsPage(sourceId, filter, pageNum, config.defaultPageSize()));
    }

    @Override
    public Page<MmsJob> listMmsJobsPage(String sourceId, JobFilter filter, int pageNum, int pageSize) {
        return page(MmsOperation.LIST_MMS_JOBS, ids(sourceId), filterOrAll(filter, JobFilter.all()).toQuery(),
                pageNum, pageSize, avro(MmsJob.class));
    }

    @Override
    public MmsJob getMmsJob(String sourceId, String jobId) {
        return single(MmsOperation.GET_MMS_JOB, ids(sourceId, jobId), Map.of(), avro(MmsJob.class));
    }

    @Override
    public long createMmsJob(String sourceId, CreateMmsJobRequest request) {
        Objects.requireNonNull(request, "request");
        return mapped(MmsOperation.CREATE_MMS_JOB,
                call(MmsOperation.CREATE_MMS_JOB, ids(sourceId), Map.of(), request.toJson(json, sourceId)),
                idField("asyncTaskId"));
    }

    @Override
    public long startMmsJob(String sourceId, String jobId) {
        return jobAction(MmsOperation.START_MMS_JOB, sourceId, jobId);
    }

    @Override
    public long stopMmsJob(String sourceId, String jobId) {
        return jobAction(MmsOperation.STOP_MMS_JOB, sourceId, jobId);
    }

    @Override
    public long retryMmsJob(String sourceId, String jobId) {
        return jobAction(MmsOperation.RETRY_MMS_JOB, sourceId, jobId);
    }

    @Override
    public Stream<MmsTable> listMmsTables(String sourceId, TableFilter filter) {
        return Paging.stream(pageNum -> listMmsTablesPage(sourceId, filter, pageNum, config.defaultPageSize()));
    }

    @Override
    public Page<MmsTable> listMmsTablesPage(String sourceId, TableFilter filter, int pageNum, int pageSize) {
        return page(MmsOperation.LIST_MMS_TABLES, ids(sourceId), filterOrAll(filter, TableFilter.all()).toQuery(),
                pageNum, pageSize, avro(MmsTable.class));
    }

    @Override
    public MmsTable getMmsTable(String sourceId, String tableId) {
        return single(MmsOperation.GET_MMS_TABLE, ids(sourceId, tableId), Map.of(), avro(MmsTable.class));
    }

    @Override
    public Stream<MmsTask> listMmsTasks(String sourceId, TaskFilter filter) {
        return Paging.stream(pageNum -> listMmsTasksPage(sourceId, filter, pageNum, config.defaultPageSize()));
    }

    @Override
    public Page<MmsTask> listMmsTasksPage(String sourceId, TaskFilter filter, int pageNum, int pageSize) {
        return page(MmsOperation.LIST_MMS_TASKS, ids(sourceId), filterOrAll(filter, TaskFilter.all()).toQuery(),
                pageNum, pageSize, avro(MmsTask.class));
    }

    @Override
    public MmsTask getMmsTask(String sourceId, String taskId) {
        return single(MmsOperation.GET_MMS_TASK, ids(sourceId, taskId), Map.of(), avro(MmsTask.class));
    }

    @Override
    public List<MmsTaskLog> listMmsTaskLogs(String sourceId, String taskId) {
        // the one list MMA answers as a plain array, without total/pageNum/pageSize (REFERENCE §2)
        return single(MmsOperation.LIST_MMS_TASK_LOGS, ids(sourceId, taskId), Map.of(), node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException("data is not an array of log steps");
            }
            List<MmsTaskLog> steps = new ArrayList<>(node.size());
            node.forEach(step -> steps.add(avro(MmsTaskLog.class).apply(step)));
            return List.copyOf(steps);
        });
    }

    @Override
    public MmsAsyncTask getMmsAsyncTask(String sourceId, String asyncTaskId) {
        return single(MmsOperation.GET_MMS_ASYNC_TASK, ids(sourceId, asyncTaskId), Map.of(),
                avro(MmsAsyncTask.class));
    }

    private long jobAction(MmsOperation operation, String sourceId, String jobId) {
        return mapped(operation, call(operation, ids(sourceId, jobId), Map.of(), null), node -> requireLong(node, "data"));
    }

    private <T> T single(MmsOperation operation, String[] pathIds, Map<String, List<String>> query,
                         Function<JsonNode, T> mapper) {
        return mapped(operation, call(operation, pathIds, query, null), mapper);
    }

    private <T> Page<T> page(MmsOperation operation, String[] pathIds, Map<String, List<String>> filterQuery,
                             int pageNum, int pageSize, Function<JsonNode, T> itemMapper) {
        if (pageNum < 1) {
            throw new IllegalArgumentException(operation + ": pageNum starts at 1, got " + pageNum);
        }
        if (pageSize < 1 || pageSize > MmaClientConfig.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(operation + ": pageSize must be between 1 and "
                    + MmaClientConfig.MAX_PAGE_SIZE + ", got " + pageSize);
        }
        Map<String, List<String>> query = new LinkedHashMap<>(filterQuery);
        query.put("pageNum", List.of(Integer.toString(pageNum)));
        query.put("pageSize", List.of(Integer.toString(pageSize)));
        return mapped(operation, call(operation, pathIds, query, null),
                node -> Paging.read(node, pageNum, pageSize, itemMapper));
    }

    // Any failure to turn a 2xx payload into the typed result is MMA sending something we cannot read.
    private static <T> T mapped(MmsOperation operation, Responses.Data data, Function<JsonNode, T> mapper) {
        try {
            return mapper.apply(data.node());
        } catch (MmaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MmaException.Malformed(operation.action(), data.httpStatus(), data.requestId(),
                    e.getMessage(), e);
        }
    }

    private Responses.Data call(MmsOperation operation, String[] pathIds, Map<String, List<String>> query, ObjectNode body) {
        String path = basePath + operation.path(pathIds);
        byte[] bodyBytes = body == null ? null : toBytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("accept", "application/json");
        if (bodyBytes != null) {
            headers.put("content-type", JSON_CONTENT_TYPE);
        }
        SignableRequest unsigned = new SignableRequest(operation.method(), path, query, headers,
                Acs3Signer.sha256Hex(bodyBytes == null ? new byte[0] : bodyBytes));
        SignableRequest signed = signer.sign(unsigned, config.credentials().orElse(null), operation.action(),
                MmsOperation.API_VERSION);

        String queryString = Acs3Signer.canonicalQueryString(query);
        URI uri = URI.create(origin + path + (queryString.isEmpty() ? "" : "?" + queryString));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .method(operation.method(), bodyBytes == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bodyBytes))
                .header("User-Agent", config.userAgent());
        signed.headers().forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });

        long started = System.nanoTime();
        HttpResponse<byte[]> response = send(operation, request.build());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String requestId = response.headers().firstValue("x-acs-request-id").orElse(null);
        LOG.debug("{} {} -> HTTP {} in {} ms (requestId {})", operation.method(), operation.action(),
                response.statusCode(), millis, requestId);
        return responses.data(operation.action(), response.statusCode(), response.body(),
                response.headers().firstValue("content-type").orElse(null), requestId);
    }

    private HttpResponse<byte[]> send(MmsOperation operation, HttpRequest request) {
        // HttpRequest.timeout stops at the response headers; the future's deadline also covers a stalled body.
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new MmaException.Transport(operation.action(),
                    "no complete response within " + config.requestTimeout(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new MmaException.Transport(operation.action(), "interrupted while waiting for the response", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MmaException.Transport(operation.action(), describeTransportFailure(cause), cause);
        }
    }

    private String describeTransportFailure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "timed out (connect " + config.connectTimeout() + ", request " + config.requestTimeout() + ")";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + origin;
        }
        if (cause instanceof IOException) {
            return "connection failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        }
        return "request failed: " + cause.getClass().getSimpleName();
    }

    private byte[] toBytes(ObjectNode body) {
        try {
            return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    private static <T extends SpecificRecord> Function<JsonNode, T> avro(Class<T> type) {
        return node -> AvroMapping.read(node, type);
    }

    private static Function<JsonNode, Long> idField(String field) {
        return data -> {
            if (!data.isObject()) {
                throw new IllegalArgumentException("data: expected an object with " + field + ", got "
                        + data.getNodeType());
            }
            Long id = new LenientJson(data, "data").longValue(field);
            if (id == null) {
                throw new IllegalArgumentException("data." + field + " is missing");
            }
            return id;
        };
    }

    private static long requireLong(JsonNode node, String name) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": expected an integer id, got a non-numeric string");
            }
        }
        throw new IllegalArgumentException(name + ": expected an integer id, got " + node.getNodeType());
    }

    private static String[] ids(String... ids) {
        return ids;
    }

    private static <F> F filterOrAll(F filter, F all) {
        return filter == null ? all : filter;
    }

    // The JDK sends "host" or "host:port" for a non-default port; the signed value must be the same string.
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        boolean defaultPort = port == -1 || (https && port == 443) || (!https && port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }
}
