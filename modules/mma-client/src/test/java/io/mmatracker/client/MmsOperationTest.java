package io.mmatracker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MmsOperationTest {

    @Test
    void ids_fill_the_placeholders_in_order_and_are_encoded() {
        assertThat(MmsOperation.GET_MMS_JOB.path("2000015", "10")).isEqualTo("/api/v1/mms/datasources/2000015/jobs/10");
        assertThat(MmsOperation.GET_MMS_JOB.path("../x", "a b")).isEqualTo("/api/v1/mms/datasources/..%2Fx/jobs/a%20b");
        assertThat(MmsOperation.LIST_MMS_DATA_SOURCES.path()).isEqualTo("/api/v1/mms/datasources");
    }

    @Test
    void the_wrong_number_of_ids_or_a_blank_id_is_rejected() {
        assertThatThrownBy(() -> MmsOperation.GET_MMS_JOB.path("1")).hasMessageContaining("{jobId}");
        assertThatThrownBy(() -> MmsOperation.GET_MMS_JOB.path("1", "2", "3")).hasMessageContaining("takes 2");
        assertThatThrownBy(() -> MmsOperation.GET_MMS_JOB.path("1", " ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> MmsOperation.GET_MMS_JOB.path("1", null)).hasMessageContaining("null");
    }

    @Test
    void action_and_method_follow_the_sdk() {
        assertThat(MmsOperation.RETRY_MMS_JOB.action()).isEqualTo("RetryMmsJob");
        assertThat(MmsOperation.RETRY_MMS_JOB.method()).isEqualTo("POST");
        assertThat(MmsOperation.GET_MMS_ASYNC_TASK.pathTemplate())
                .isEqualTo("/api/v1/mms/datasources/{sourceId}/asyncTasks/{asyncTaskId}");
    }

    @Test
    void the_catalog_holds_every_operation_of_the_reference_once() {
        assertThat(MmsOperation.values()).hasSize(33);
        assertThat(Arrays.stream(MmsOperation.values()).map(MmsOperation::action)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(MmsOperation.values()).map(op -> op.method() + " " + op.pathTemplate()))
                .doesNotHaveDuplicates();
        assertThat(MmsOperation.DELETE_MMS_JOB.method()).isEqualTo("POST");
        assertThat(MmsOperation.DELETE_MMS_TIMER.method()).isEqualTo("DELETE");
        assertThat(MmsOperation.LIST_MMS_TASK_LOGS.pathSegments())
                .containsExactly("datasources", "{sourceId}", "tasks", "{taskId}", "logs");
        assertThat(MmsOperation.byAction("ListMmsTaskLogs")).contains(MmsOperation.LIST_MMS_TASK_LOGS);
        assertThat(MmsOperation.byAction("ListMmsAsyncTasks")).as("MMA has no such operation").isEmpty();
    }

    @Test
    void the_tracker_reads_only_gets_and_lists() {
        assertThat(Arrays.stream(MmsOperation.values()).filter(MmsOperation::isTrackerRead).map(MmsOperation::action))
                .containsExactlyInAnyOrder("ListMmsDataSources", "GetMmsDataSource", "GetMmsFetchMetadataJob",
                        "ListMmsTables", "GetMmsTable", "ListMmsJobs", "GetMmsJob", "ListMmsTasks", "GetMmsTask",
                        "ListMmsTaskLogs", "GetMmsAsyncTask");
        assertThat(Arrays.stream(MmsOperation.values()).filter(MmsOperation::isTrackerRead))
                .noneMatch(MmsOperation::isWrite);
    }
}
