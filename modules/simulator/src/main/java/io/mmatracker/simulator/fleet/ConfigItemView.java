package io.mmatracker.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One config item of a data source as GetMmsDataSource serves it; {@code value} is any JSON value. */
public record ConfigItemView(String name, String key, String desc, String placeHolder, String type, String subType,
                             JsonNode value, List<String> enums, boolean required, String group) {

    /** Whether the value is a secret (types password and file), which downstream must redact. */
    public boolean isSecret() {
        return type.equals("password") || type.equals("file");
    }
}
