package io.mmatracker.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.mmatracker.schema.serde.TrackerModel;

/**
 * Installs the tracker's Avro class trust once per test JVM, as {@code Main} does in the product: tests build records
 * with Avro's generated copy builders ({@code MmsJob.newBuilder(other)}), which use Avro's default model. Registered
 * through {@code META-INF/services}, so every module testing with testkit gets it; schemas/README.md explains the
 * trust model.
 */
public final class AvroTrust implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TrackerModel.trustGeneratedClassesGlobally();
    }
}
