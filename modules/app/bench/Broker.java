// The project's embedded single-node KRaft broker in a JVM of its own, so a benchmark measures the tracker's process
// alone (not part of the build; Java's source launcher compiles it on the fly):
//   java -cp modules/app/target/mma-tracker.jar modules/app/bench/Broker.java PORT DATA_DIR
// Prints "READY host:port" once the broker serves, and stops it on SIGTERM.

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.mmatracker.kafka.embedded.EmbeddedKafkaBroker;
import io.mmatracker.kafka.embedded.EmbeddedKafkaConfig;

public class Broker {
    public static void main(String[] args) throws Exception {
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
