package io.mmatracker.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mmatracker.query.testing.TestInstance;
import io.mmatracker.query.testing.Writers;

/** The dashboard's files are served from the jar at /, with nothing fetched from anywhere else. */
class DashboardTest {

    private static TestInstance server;

    @BeforeAll
    static void start() {
        server = TestInstance.alone(Writers.mma());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theRootIsThePageAndItsAssetsAreServedWithTheirTypes() {
        HttpResponse<String> root = server.get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("content-type").orElse("")).startsWith("text/html");
        assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(root.body()).contains("<script type=\"module\" src=\"/assets/app.js\">");
        assertThat(server.get("/index.html").body()).isEqualTo(root.body());
        assertThat(server.get("/assets/app.js").headers().firstValue("content-type").orElse("")).startsWith("application/javascript");
        assertThat(server.get("/assets/app.css").headers().firstValue("content-type").orElse("")).startsWith("text/css");
        assertThat(server.send("HEAD", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingAssetIs404InTheApisErrorFormat() {
        HttpResponse<String> missing = server.get("/assets/nothing-here.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestInstance.json(missing)).containsEntry("Code", "InvalidAction.NotFound");
        assertThat(server.send("POST", "/").statusCode()).isEqualTo(405);
    }

    @Test
    void thePageLoadsNothingFromOutsideTheTracker() {
        Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}|@import");
        for (String file : new String[] {"/", "/assets/app.js", "/assets/app.css"}) {
            assertThat(external.matcher(server.get(file).body()).find()).as(file).isFalse();
        }
    }
}
