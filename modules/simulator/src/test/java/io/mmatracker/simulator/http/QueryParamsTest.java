package io.mmatracker.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmatracker.signature.Rfc3986;
import io.mmatracker.openapi.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator reads a query exactly as the signature check does, and answers bad encodings with a 400. */
class QueryParamsTest {

    @Test
    void valuesAreDecodedLikeTheSignatureDecodesThem() {
        String raw = "name=x+y%20z&status=%5B%22DONE%22%5D&db=%E8%A1%A8&flag&name=2";
        QueryParams q = QueryParams.parse(raw);
        assertThat(q.all()).isEqualTo(Rfc3986.parseQuery(raw));
        // a + is a space, as the SDKs send one in a query (tea: URLEncoder)
        assertThat(q.all().get("name")).containsExactly("x y z", "2");
        assertThat(q.text("db")).isEqualTo("表");
        assertThat(q.text("flag")).isEmpty();
        assertThat(QueryParams.parse(null).all()).isEmpty();
    }

    @Test
    void escapesThatAreNotUtf8OrMalformedAreInvalidParameter() {
        for (String raw : List.of("name=%C3", "name=%ED%A0%80", "name=%FF", "%C3=x", "name=%4", "name=%zz")) {
            assertThatThrownBy(() -> QueryParams.parse(raw)).as(raw).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.error().code()).isEqualTo("InvalidParameter");
                    assertThat(e.error().httpStatus()).isEqualTo(400);
                    assertThat(e.error().message()).startsWith("The query string is not valid");
                });
        }
    }
}
