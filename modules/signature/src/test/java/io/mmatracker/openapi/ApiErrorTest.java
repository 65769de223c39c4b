package io.mmatracker.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void anExceptionWithoutAMessageStillAnswersItsClientError() {
        // e.g. the simulator's admin API passes e.getMessage() of an IllegalArgumentException, which may be null
        ApiError error = ApiError.invalidParameter(new IllegalArgumentException().getMessage());

        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
        assertThat(error.message()).isNotBlank().contains(ErrorCode.INVALID_PARAMETER.code());
    }
}
