package io.mmatracker.query.health;

import java.util.Map;

/** Whether a part of the service is able to do its work, with details for operators. */
public record Health(boolean isUp, Map<String, String> details) {

    public Health {
        details = Map.copyOf(details);
    }

    public static Health up(Map<String, String> details) {
        return new Health(true, details);
    }

    public static Health down(Map<String, String> details) {
        return new Health(false, details);
    }
}
