package io.mmatracker.app.wiring;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mmatracker.app.config.Settings;
import io.mmatracker.query.QueryConfig;

/** The query role's configuration from the {@code query.*} settings; {@link QueryConfig} names a bad key itself. */
public final class QuerySettings {

    private QuerySettings() {
    }

    public static QueryConfig from(Settings settings, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>();
        defaults.forEach(values::put);
        settings.withPrefix("query.").forEach((k, v) -> values.put("query." + k, v));
        return Settings.build("query", () -> QueryConfig.fromMap(values));
    }
}
