package io.mmatracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;

/** The Docker probe's ERROR is kept out of test output, unless someone configured that logger on purpose. */
class QuietLoggerTest {

    private Logger logger;
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @BeforeEach
    void captureAFreshLogger(TestInfo test) {
        logger = (Logger) LoggerFactory.getLogger("quiet-logger-test." + test.getDisplayName());
        seen.start();
        logger.addAppender(seen);
        logger.setAdditive(false);
    }

    @Test
    void aLoggerWithoutAConfiguredLevelIsOffDuringTheActionOnly() {
        boolean answer = QuietLogger.during(logger.getName(), () -> {
            logger.error("during the probe");
            return true;
        });
        logger.error("after the probe");

        assertThat(answer).isTrue();
        assertThat(seen.list).extracting(ILoggingEvent::getMessage).containsExactly("after the probe");
        assertThat(logger.getLevel()).isNull();
    }

    @Test
    void aConfiguredLevelIsLeftAsItIs() {
        logger.setLevel(Level.DEBUG);

        QuietLogger.during(logger.getName(), () -> {
            logger.error("during the probe");
            return false;
        });

        assertThat(seen.list).extracting(ILoggingEvent::getMessage).containsExactly("during the probe");
        assertThat(logger.getLevel()).isEqualTo(Level.DEBUG);
    }
}
