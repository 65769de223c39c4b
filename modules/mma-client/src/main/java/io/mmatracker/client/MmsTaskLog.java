package io.mmatracker.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a task's log: an item of ListMmsTaskLogs' {@code data} array (REFERENCE §3.7). {@code status} is the
 * task's status at that step (e.g. {@code DATA_FAILED}), {@code action} what ran (often SQL), {@code msg} its
 * outcome (e.g. {@code ok}, or the engine's error). Every field is nullable: MMA documents no required ones.
 */
public record MmsTaskLog(Long id, Long taskId, Long sourceId, String status, String action, String msg,
                         String createTime) {

    /**
     * Reads a log step leniently, like {@link MmsTask#fromJson}.
     *
     * @throws IllegalArgumentException naming the field when a value cannot be read as its type
     */
    public static MmsTaskLog fromJson(JsonNode node) {
        LenientJson json = new LenientJson(node, "MmsTaskLog");
        return new MmsTaskLog(json.longValue("id"), json.longValue("taskId"), json.longValue("sourceId"),
                json.text("status"), json.text("action"), json.text("msg"), json.text("createTime"));
    }
}
