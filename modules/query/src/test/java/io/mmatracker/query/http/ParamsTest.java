package io.mmatracker.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mmatracker.openapi.ApiException;
import io.mmatracker.openapi.ErrorCode;

class ParamsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "abc", "9223372036854775808", "18446744073709551616",
            "99999999999999999999", "\u0661"})
    void anIdIsOnlyAPlainNonNegativeInt64(String raw) {
        assertThatThrownBy(() -> Params.id("jobId", raw)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().code()).isEqualTo(ErrorCode.INVALID_PARAMETER.code());
            assertThat(e.error().message()).startsWith("jobId must be");
        });
    }

    @Test
    void validIdsParseUpToLongMax() {
        assertThat(Params.id("id", "0")).isZero();
        assertThat(Params.id("id", "007")).isEqualTo(7);
        assertThat(Params.id("id", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void statusesAcceptMmasSdkForms() {
        assertThat(params("status", "DONE").statuses("status")).containsExactly("DONE");
        assertThat(params("status", "[\"DONE\",\"FAILED\"]").statuses("status")).containsExactly("DONE", "FAILED");
        assertThat(params("status", "done, part_done").statuses("status")).containsExactly("DONE", "PART_DONE");
        assertThat(params("status", "DONE", "FAILED").statuses("status")).containsExactly("DONE", "FAILED");
        assertThat(params("status", "").statuses("status")).isEmpty();
        assertThatThrownBy(() -> params("status", "[\"DONE\"; DROP]").statuses("status")).isInstanceOf(ApiException.class);
    }

    @Test
    void hostileInputIsEchoedShortAndPrintable() {
        assertThatThrownBy(() -> Params.id("jobId", "\u0000<script>" + "A".repeat(5000)))
                .hasMessageNotContaining("\u0000").hasMessageContaining("?<script>AAAA")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(120));
    }

    @Test
    void aRepeatedSingleValuedParameterIsAmbiguous() {
        assertThatThrownBy(() -> params("withConfig", "true", "false").bool("withConfig", false)).isInstanceOf(ApiException.class);
    }

    private static Params params(String name, String... values) {
        Deque<String> deque = new ArrayDeque<>(List.of(values));
        return new Params(Map.of(name, deque));
    }
}
