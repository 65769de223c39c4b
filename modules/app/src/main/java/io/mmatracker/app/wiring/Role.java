package io.mmatracker.app.wiring;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mmatracker.app.config.Settings;
import io.mmatracker.app.config.SettingsException;

/** A part of the tracker one process can run; {@code roles=} picks them for {@code run}. */
public enum Role {
    /** Polls MMA and publishes snapshots. */
    POLLER,
    /** Runs the Kafka Streams topology: state stores, status changes, alerts, summaries. */
    STREAMS,
    /** Serves the HTTP API, the event stream and /metrics from the Streams state. */
    QUERY;

    /** {@code roles} from the settings (default all); query without streams is refused. */
    public static Set<Role> from(Settings settings) {
        List<String> names = settings.list("roles");
        if (names.isEmpty()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SettingsException("bad setting roles = '" + String.join(",", names) + "' (from "
                        + settings.origin("roles") + "): expected a comma-separated subset of poller, streams, query");
            }
        }
        if (roles.contains(QUERY) && !roles.contains(STREAMS)) {
            throw new SettingsException("bad setting roles = '" + String.join(",", names) + "' (from "
                    + settings.origin("roles") + "): query serves the Streams state stores of its own process, so it "
                    + "needs streams too (roles=streams,query)");
        }
        return roles;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
