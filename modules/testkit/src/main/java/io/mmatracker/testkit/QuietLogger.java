package io.mmatracker.testkit;

import java.util.function.BooleanSupplier;

import org.slf4j.LoggerFactory;

/**
 * Runs an action with one logger switched off, when logback is the SLF4J backend and nobody configured a level for
 * that logger. Testcontainers logs an ERROR with every strategy it tried when it finds no Docker engine; for the
 * fixture that is the expected answer, not an error, and it would otherwise appear in every module's test output.
 */
final class QuietLogger {

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private QuietLogger() {
    }

    static boolean during(String loggerName, BooleanSupplier action) {
        if (!LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT)) {
            return action.getAsBoolean();
        }
        return Logback.during(loggerName, action);
    }

    /** Apart, so that logback's classes are loaded only when logback is present. */
    private static final class Logback {

        static boolean during(String loggerName, BooleanSupplier action) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(loggerName);
            if (logger.getLevel() != null) {
                // a level set in the configuration is someone's choice (e.g. DEBUG to see why Docker is not found)
                return action.getAsBoolean();
            }
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
            try {
                return action.getAsBoolean();
            } finally {
                logger.setLevel(null);
            }
        }
    }
}
