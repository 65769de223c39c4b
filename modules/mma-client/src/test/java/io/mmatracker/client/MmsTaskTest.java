package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MmsTaskTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unknown_fields_are_ignored_and_missing_ones_are_null() throws Exception {
        MmsTask task = MmsTask.fromJson(JSON.readTree("{\"id\":1,\"status\":\"INIT\",\"partitions\":[1,2]}"));

        assertThat(task.id()).isEqualTo(1L);
        assertThat(task.status()).isEqualTo("INIT");
        assertThat(task.jobId()).isNull();
        assertThat(task.running()).isNull();
    }

    @Test
    void numbers_and_booleans_sent_as_strings_are_accepted() throws Exception {
        MmsTask task = MmsTask.fromJson(JSON.readTree(
                "{\"id\":\"12\",\"jobId\":\" 7 \",\"running\":\"true\",\"stopped\":0,\"retriedTimes\":\"3\","
                        + "\"tableId\":\"\",\"status\":123,\"endTime\":null}"));

        assertThat(task.id()).isEqualTo(12L);
        assertThat(task.jobId()).isEqualTo(7L);
        assertThat(task.running()).isTrue();
        assertThat(task.stopped()).isFalse();
        assertThat(task.retriedTimes()).isEqualTo(3);
        assertThat(task.tableId()).isNull();
        assertThat(task.status()).isEqualTo("123");
        assertThat(task.endTime()).isNull();
    }

    @Test
    void a_value_that_cannot_be_read_names_the_field() throws Exception {
        assertThatThrownBy(() -> MmsTask.fromJson(JSON.readTree("{\"id\":\"abc\"}")))
                .hasMessageContaining("MmsTask.id").hasMessageNotContaining("abc");
        assertThatThrownBy(() -> MmsTask.fromJson(JSON.readTree("{\"running\":\"maybe\"}")))
                .hasMessageContaining("MmsTask.running");
        assertThatThrownBy(() -> MmsTask.fromJson(JSON.readTree("{\"retriedTimes\":9999999999}")))
                .hasMessageContaining("MmsTask.retriedTimes");
        assertThatThrownBy(() -> MmsTask.fromJson(JSON.readTree("{\"jobName\":[\"x\"]}")))
                .hasMessageContaining("MmsTask.jobName");
        JsonNode notAnObject = JSON.readTree("[]");
        assertThatThrownBy(() -> MmsTask.fromJson(notAnObject)).hasMessageContaining("JSON object");
    }
}
