package io.mmatracker.simulator.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmatracker.simulator.fleet.AsyncTaskView;
import io.mmatracker.simulator.fleet.ColumnView;
import io.mmatracker.simulator.fleet.ConfigItemView;
import io.mmatracker.simulator.fleet.JobConfigView;
import io.mmatracker.simulator.fleet.JobView;
import io.mmatracker.simulator.fleet.Slice;
import io.mmatracker.simulator.fleet.Pin;
import io.mmatracker.simulator.fleet.ScanView;
import io.mmatracker.simulator.fleet.SourceView;
import io.mmatracker.simulator.fleet.TableView;
import io.mmatracker.simulator.fleet.TaskLogView;
import io.mmatracker.simulator.fleet.TaskView;
import io.mmatracker.openapi.ApiError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes MMA's JSON with a streaming generator, field by field in MMA's order and with MMA's names and types:
 * the {@code {"requestId","data"}} envelope, paged lists, every object kind, and Alibaba's error body. Pinned
 * fields replace computed ones as they are written, and extra fields are appended at the end of the object.
 */
public final class MmsJsonWriter {

    /** Writes the {@code data} value of an answer. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** Writes one item of a list. */
    @FunctionalInterface
    public interface ItemWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    private final ObjectMapper mapper;

    public MmsJsonWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // ---------------------------------------------------------------- envelopes

    public byte[] success(String requestId, Body data) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("requestId", requestId);
            g.writeFieldName("data");
            data.write(g);
            g.writeEndObject();
        });
    }

    /** Alibaba's gateway error body (REFERENCE §7.1), PascalCase keys. */
    public byte[] error(String requestId, String hostId, ApiError e) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("RequestId", requestId);
            g.writeStringField("HostId", hostId);
            g.writeStringField("Code", e.code());
            g.writeStringField("Message", e.message());
            g.writeStringField("Recommend", "https://api.alibabacloud.com/troubleshoot?q=" + e.code()
                + "&product=MaxCompute&requestId=" + requestId);
            g.writeEndObject();
        });
    }

    public byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static <T> Body page(Slice<T> page, long pageNum, long pageSize, ItemWriter<T> item) {
        return g -> {
            g.writeStartObject();
            g.writeNumberField("total", page.total());
            g.writeNumberField("pageNum", pageNum);
            g.writeNumberField("pageSize", pageSize);
            g.writeArrayFieldStart("objectList");
            for (T t : page.items()) {
                item.write(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    public static <T> Body list(List<T> items, ItemWriter<T> item) {
        return g -> {
            g.writeStartArray();
            for (T t : items) {
                item.write(g, t);
            }
            g.writeEndArray();
        };
    }

    // ---------------------------------------------------------------- objects

    public static void source(JsonGenerator g, SourceView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.str("region", v.region());
        o.str("name", v.name());
        o.str("dstProject", v.dstProject());
        if (!o.pinned("dstProjects")) {
            g.writeArrayFieldStart("dstProjects");
            for (String p : v.dstProjects()) {
                g.writeString(p);
            }
            g.writeEndArray();
        }
        o.str("type", v.type());
        o.str("networklink", v.networklink());
        o.str("lastUpdateTime", v.lastUpdateTime());
        o.num("dbNum", v.dbNum());
        o.num("tableNum", v.tableNum());
        o.num("partitionNum", v.partitionNum());
        o.str("createTime", v.createTime());
        o.str("status", v.status());
        o.str("errMsg", v.errMsg());
        if (!o.pinned("config")) {
            g.writeArrayFieldStart("config");
            for (ConfigItemView c : v.config()) {
                configItem(g, c);
            }
            g.writeEndArray();
        }
        o.bool("agentIsOnline", v.agentIsOnline());
        o.num("tablesDoingNum", v.tablesDoingNum());
        o.num("tablesDoneNum", v.tablesDoneNum());
        o.num("tablesPartDoneNum", v.tablesPartDoneNum());
        o.num("tablesFailedNum", v.tablesFailedNum());
        o.num("partitionsDoingNum", v.partitionsDoingNum());
        o.num("partitionsDoneNum", v.partitionsDoneNum());
        o.num("partitionsFailedNum", v.partitionsFailedNum());
        o.num("scanId", v.scanId());
        o.str("scanStatus", v.scanStatus());
        o.str("scanErrMsg", v.scanErrMsg());
        o.end();
    }

    private static void configItem(JsonGenerator g, ConfigItemView c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("key", c.key());
        g.writeStringField("desc", c.desc());
        g.writeStringField("placeHolder", c.placeHolder());
        g.writeStringField("type", c.type());
        g.writeStringField("subType", c.subType());
        g.writeFieldName("value");
        g.writeTree(c.value());
        g.writeArrayFieldStart("enums");
        for (String e : c.enums()) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeBooleanField("required", c.required());
        g.writeStringField("group", c.group());
        g.writeEndObject();
    }

    public static void scan(JsonGenerator g, ScanView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.num("sourceId", v.sourceId());
        o.str("status", v.status());
        o.num("progress", v.progress());
        o.str("result", v.result());
        o.str("errorMsg", v.errorMsg());
        o.str("startTime", v.startTime());
        o.str("endTime", v.endTime());
        o.end();
    }

    public static void job(JsonGenerator g, JobView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.str("name", v.name());
        o.num("sourceId", v.sourceId());
        o.num("dbId", v.dbId());
        o.str("sourceName", v.sourceName());
        o.str("srcDbName", v.srcDbName());
        o.str("srcSchemaName", v.srcSchemaName());
        o.str("dstDbName", v.dstDbName());
        o.str("dstSchemaName", v.dstSchemaName());
        o.str("status", v.status());
        o.str("type", v.type());
        o.num("taskNum", v.taskNum());
        o.bool("stopped", v.stopped());
        o.str("createTime", v.createTime());
        o.num("taskDone", v.taskDone());
        if (!o.pinned("config")) {
            jobConfig(g, v.config());
        }
        o.str("eta", v.eta());
        o.end();
    }

    private static void jobConfig(JsonGenerator g, JobConfigView c) throws IOException {
        g.writeObjectFieldStart("config");
        g.writeArrayFieldStart("partitions");
        for (long p : c.partitions()) {
            g.writeNumber(p);
        }
        g.writeEndArray();
        stringArray(g, "tables", c.tables());
        g.writeStringField("taskType", c.taskType());
        stringArray(g, "tableBlackList", c.tableBlackList());
        stringArray(g, "tableWhiteList", c.tableWhiteList());
        stringMap(g, "partitionFilters", c.partitionFilters());
        g.writeBooleanField("schemaOnly", c.schemaOnly());
        stringMap(g, "tableMapping", c.tableMapping());
        g.writeBooleanField("increment", c.increment());
        g.writeBooleanField("enableVerification", c.enableVerification());
        g.writeStringField("tunnelQuota", c.tunnelQuota());
        stringMap(g, "columnMapping", c.columnMapping());
        g.writeFieldName("others");
        g.writeTree(c.others());
        g.writeEndObject();
    }

    public static void table(JsonGenerator g, TableView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.num("dbId", v.dbId());
        o.str("dbName", v.dbName());
        o.str("name", v.name());
        o.str("dstProjectName", v.dstProjectName());
        o.str("dstSchemaName", v.dstSchemaName());
        o.str("dstName", v.dstName());
        o.str("type", v.type());
        o.bool("hasPartitions", v.hasPartitions());
        if (!o.pinned("schema")) {
            g.writeObjectFieldStart("schema");
            g.writeStringField("name", v.schema().name());
            g.writeStringField("comment", v.schema().comment());
            columns(g, "columns", v.schema().columns());
            columns(g, "partitions", v.schema().partitions());
            g.writeEndObject();
        }
        o.str("owner", v.owner());
        o.str("location", v.location());
        o.str("inputFormat", v.inputFormat());
        o.str("outputFormat", v.outputFormat());
        o.str("serde", v.serde());
        o.str("extra", v.extra());
        o.num("partitions", v.partitions());
        o.num("partitionsDoing", v.partitionsDoing());
        o.num("partitionsDone", v.partitionsDone());
        o.num("partitionsFailed", v.partitionsFailed());
        o.num("sourceId", v.sourceId());
        o.str("sourceName", v.sourceName());
        o.num("size", v.size());
        o.num("numRows", v.numRows());
        o.bool("updated", v.updated());
        o.str("lastDdlTime", v.lastDdlTime());
        o.str("status", v.status());
        o.end();
    }

    private static void columns(JsonGenerator g, String name, List<ColumnView> columns) throws IOException {
        g.writeArrayFieldStart(name);
        for (ColumnView c : columns) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("type", c.type());
            g.writeStringField("comment", c.comment());
            g.writeStringField("defaultValue", c.defaultValue());
            g.writeBooleanField("nullable", c.nullable());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static void task(JsonGenerator g, TaskView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.num("jobId", v.jobId());
        o.str("jobName", v.jobName());
        o.num("sourceId", v.sourceId());
        o.str("sourceName", v.sourceName());
        o.num("dbId", v.dbId());
        o.num("tableId", v.tableId());
        o.str("srcDbName", v.srcDbName());
        o.str("srcSchemaName", v.srcSchemaName());
        o.str("srcTableName", v.srcTableName());
        o.str("dstDbName", v.dstDbName());
        o.str("dstSchemaName", v.dstSchemaName());
        o.str("dstTableName", v.dstTableName());
        o.str("type", v.type());
        o.str("status", v.status());
        o.bool("running", v.running());
        o.bool("stopped", v.stopped());
        o.num("retriedTimes", v.retriedTimes());
        o.str("createTime", v.createTime());
        o.str("startTime", v.startTime());
        o.str("endTime", v.endTime());
        o.end();
    }

    /** One step of ListMmsTaskLogs (REFERENCE §3.7; there is nothing to pin on a log step). */
    public static void taskLog(JsonGenerator g, TaskLogView v) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", v.id());
        g.writeNumberField("taskId", v.taskId());
        g.writeNumberField("sourceId", v.sourceId());
        g.writeStringField("status", v.status());
        g.writeStringField("action", v.action());
        g.writeStringField("msg", v.msg());
        g.writeStringField("createTime", v.createTime());
        g.writeEndObject();
    }

    public static void asyncTask(JsonGenerator g, AsyncTaskView v) throws IOException {
        Obj o = new Obj(g, v.pin());
        o.num("id", v.id());
        o.num("sourceId", v.sourceId());
        o.str("type", v.type());
        o.num("objectId", v.objectId());
        o.str("status", v.status());
        o.bool("running", v.running());
        o.num("progress", v.progress());
        o.str("result", v.result());
        o.str("errorMsg", v.errorMsg());
        o.str("startTime", v.startTime());
        o.str("endTime", v.endTime());
        o.str("createTime", v.createTime());
        o.end();
    }

    private static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(values).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** One JSON object whose fields may be pinned. */
    private static final class Obj {
        private final JsonGenerator g;
        private final Pin pin;

        Obj(JsonGenerator g, Pin pin) throws IOException {
            this.g = g;
            this.pin = pin;
            g.writeStartObject();
        }

        /** Writes the pinned value of a field if it is pinned; answers whether it was. */
        boolean pinned(String name) throws IOException {
            if (pin == null) {
                return false;
            }
            JsonNode value = pin.fields().get(name);
            if (value == null) {
                return false;
            }
            g.writeFieldName(name);
            g.writeTree(value);
            return true;
        }

        void str(String name, String value) throws IOException {
            if (!pinned(name)) {
                g.writeStringField(name, value);
            }
        }

        void num(String name, long value) throws IOException {
            if (!pinned(name)) {
                g.writeNumberField(name, value);
            }
        }

        void bool(String name, boolean value) throws IOException {
            if (!pinned(name)) {
                g.writeBooleanField(name, value);
            }
        }

        void end() throws IOException {
            if (pin != null) {
                for (Map.Entry<String, JsonNode> e : pin.extras().entrySet()) {
                    g.writeFieldName(e.getKey());
                    g.writeTree(e.getValue());
                }
            }
            g.writeEndObject();
        }
    }
}
