package io.mmatracker.simulator.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mmatracker.openapi.ApiError;

class MmsKindTest {

    @Test
    void pathSegmentsComeFromTheClientsGetOperations() {
        assertThat(Arrays.stream(MmsKind.values()).map(MmsKind::pathSegment))
                .containsExactly("datasources", "scans", "jobs", "tables", "tasks", "asyncTasks");
        assertThat(MmsKind.byPathSegment("asyncTasks")).isEqualTo(MmsKind.ASYNC_TASK);
    }

    @Test
    void aMissingObjectIsMmasNotFoundOfItsKind() {
        assertThat(MmsKind.JOB.notFound(7)).isEqualTo(new ApiError(404, "NotFound.Job", "The job 7 does not exist."));
    }
}
