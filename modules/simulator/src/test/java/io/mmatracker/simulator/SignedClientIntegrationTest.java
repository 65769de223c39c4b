package io.mmatracker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.client.CreateMmsJobRequest;
import io.mmatracker.client.DataSourceFilter;
import io.mmatracker.client.MmaClient;
import io.mmatracker.client.MmaClientConfig;
import io.mmatracker.client.MmaException;
import io.mmatracker.client.TableFilter;
import io.mmatracker.signature.Credentials;
import io.mmatracker.schema.MmsTable;
import io.mmatracker.simulator.stats.Outcome;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Started with an AccessKey pair, the simulator serves signed requests and refuses the rest. */
class SignedClientIntegrationTest {

    private static final String AK = "TestSimulatorKeyId";
    private static final String SECRET = "simulator-secret-for-tests";

    private static MmaClient client(Simulator sim, Credentials credentials) {
        MmaClientConfig config = MmaClientConfig.forEndpoint(sim.baseUrl()).withDefaultPageSize(9);
        return new MmaClient(credentials == null ? config : config.withCredentials(credentials));
    }

    @Test
    void signedRequestsPassAndBadOrMissingSignaturesAreUnauthorized() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0).withAccessKey(AK, SECRET),
            Clock.systemUTC())) {
            MmaClient good = client(sim, Credentials.of(AK, SECRET));
            assertThat(good.listMmsDataSources(DataSourceFilter.all()).toList()).hasSize(3);
            List<MmsTable> tables = good.listMmsTables("2000001", TableFilter.all().withStatuses("INIT", "DONE",
                "DOING", "FAILED", "PART_DONE")).toList();
            assertThat(tables).hasSize(40);
            MmsTable table = tables.get(0);
            long asyncId = good.createMmsJob("2000001", CreateMmsJobRequest
                .builder("signed job", table.getDbName(), "mms_target_1").tables(List.of(table.getName()))
                .mappings(java.util.Map.of(table.getName(), "renamed table"), java.util.Map.of()).build());
            assertThat(good.getMmsAsyncTask("2000001", Long.toString(asyncId)).getType()).isEqualTo("TASK_CREATE");

            assertThatThrownBy(() -> client(sim, Credentials.of(AK, "wrong-secret")).getMmsJob("2000001", "10001"))
                .isInstanceOfSatisfying(MmaException.Unauthorized.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.code()).contains("SignatureDoesNotMatch");
                    assertThat(e.retryable()).isFalse();
                });
            assertThatThrownBy(() -> client(sim, null).getMmsJob("2000001", "10001"))
                .isInstanceOfSatisfying(MmaException.Unauthorized.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.code()).contains("IncompleteSignature");
                });
            assertThatThrownBy(() -> client(sim, Credentials.of("LTAIsomeoneElse", SECRET))
                .stopMmsJob("2000001", "10001"))
                .isInstanceOfSatisfying(MmaException.Unauthorized.class,
                    e -> assertThat(e.code()).contains("InvalidAccessKeyId.NotFound"));

            TestHttp.Answer plain = new TestHttp(sim.baseUrl()).get("/api/v1/mms/datasources");
            assertThat(plain.status()).isEqualTo(400);
            assertThat(plain.json().get("Code").asText()).isEqualTo("IncompleteSignature");
            assertThat(new TestHttp(sim.baseUrl()).get("/_sim/stats").status()).isEqualTo(200);
            assertThat(sim.stats().total(Outcome.UNAUTHORIZED)).isEqualTo(4);
        }
    }

    @Test
    void withoutAKeyPairSignaturesAreNotChecked() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withPort(0), Clock.systemUTC())) {
            assertThat(client(sim, Credentials.of(AK, "any-secret")).getMmsDataSource("2000002", false, null).getId())
                .isEqualTo(2000002L);
            assertThat(client(sim, null).getMmsDataSource("2000001", false, null).getId()).isEqualTo(2000001L);
        }
    }
}
