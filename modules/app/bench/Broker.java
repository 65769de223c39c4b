// The project's embedded single-node KRaft broker in a JVM of its own, so a benchmark measures the tracker's process
// alone (not part of the build; Java's source launcher compiles it on the fly):
//   java -cp modules/app/target/mma-tracker.jar modules/app/bench/Broker.java PORT DATA_DIR
// Prints "READY host:port" once the broker serves, and stops it on SIGTERM. Logs as the tracker's own commands do
// (Kafka at WARN, on standard error): without it logback's default logged every request and log append at DEBUG
// (~13 MB a minute of ingestion), CPU a deployment's broker does not spend.

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import io.mmatracker.app.logging.LogFormat;
import io.mmatracker.app.logging.Logging;
import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;

public class Broker {
    public static void main(String[] args) throws Exception {
        Logging.configure(LogFormat.TEXT, Level.INFO, System.err);
        var config = EmbeddedKafkaConfig.defaults(Path.of(args[1])).withHost("127.0.0.1").withBrokerPort(Integer.parseInt(args[0]));
        var broker = new EmbeddedKafkaBroker(config).start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }));
        System.out.println("READY " + broker.bootstrapServers());
        stopped.await();
    }
}
