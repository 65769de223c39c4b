package io.mmatracker.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole fault suite of issue 17, one scenario after the other on one {@link FaultRig}, printing the table of
 * {@code docs/reliability.md}. Not part of {@code verify} (its name does not end in Test); run it with
 * {@code mvn -B -ntp -pl modules/app -am verify -Dtest=FaultSuiteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * {@code -Dfaults.scale=0.25} shortens every fault duration by that factor (the documented run uses 1), and speeds
 * the simulated fleet up to match ({@code -Dfaults.speed}, default 15 × scale).
 */
class FaultSuiteBenchmark {

    private static final double SCALE = Double.parseDouble(System.getProperty("faults.scale", "1"));
    /** New jobs keep coming for 150 simulated minutes: at speed 15 that is the ten minutes of the whole suite. */
    private static final double SPEED = Double.parseDouble(System.getProperty("faults.speed", Double.toString(15 * SCALE)));

    @Test
    void everyScenarioLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        List<Scenarios.Result> results = new ArrayList<>();
        long started = System.currentTimeMillis();
        try (FaultRig rig = FaultRig.start(dir, SPEED)) {
            Scenarios scenarios = new Scenarios(rig, SCALE);
            results.add(scenarios.brokerKill(Duration.ofSeconds(30)));
            results.add(scenarios.rollingRestart());
            results.add(scenarios.crashLoop(5));
            results.add(scenarios.networkCut(Duration.ofSeconds(20)));
            results.add(scenarios.upstreamStorm(Duration.ofMinutes(2), Duration.ofMinutes(1)));
            results.add(scenarios.poisonRecords());
        } finally {
            print(results);
            System.out.printf("FAULTS scale %.2f, %.0f s in all, load average %s%n", SCALE,
                    (System.currentTimeMillis() - started) / 1000.0, loadAverage());
        }
        for (Scenarios.Result result : results) {
            assertThat(result.verdict().isClean()).as(result.name() + ": " + result.verdict()).isTrue();
        }
    }

    static void print(List<Scenarios.Result> results) {
        StringBuilder table = new StringBuilder(Scenarios.Result.header()).append('\n');
        results.forEach(r -> table.append(r.row()).append('\n'));
        System.out.println("FAULTS (load average " + loadAverage() + ")\n" + table);
        results.stream().filter(r -> !r.verdict().examples().isEmpty())
                .forEach(r -> System.out.println("FAULTS " + r.name() + ": " + r.verdict()));
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
