// Reads mma.alerts written in registry mode with the tracker's own contract jar (mma-tracker-schemas): the generated
// Alert class and RegistryAvroSerde, which reads Confluent's wire format through any Confluent-API registry.
//
//   mvn -B -ntp -q -pl schemas -am package -DskipTests
//   mvn -B -ntp -q -pl schemas dependency:build-classpath -Dmdep.outputFile=/tmp/schemas.cp
//   java -cp "schemas/target/classes:$(cat /tmp/schemas.cp)" docs/consumers/AlertsConsumer.java \
//       localhost:9092 http://localhost:8081/apis/ccompat/v7 mma.alerts
//
// With Confluent's own deserializer instead (io.confluent:kafka-avro-serializer, from Confluent's repository), the
// same consumer sets value.deserializer=io.confluent.kafka.serializers.KafkaAvroDeserializer,
// schema.registry.url=URL and specific.avro.reader=true, and runs with
// -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.mmatracker.schema (see schemas/README.md).
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.mmatracker.schema.Alert;
import io.mmatracker.schema.serde.ValueSerdes;

public class AlertsConsumer {
    public static void main(String[] args) {
        String bootstrap = args[0];
        String registry = args[1];
        String topic = args.length > 2 ? args[2] : "mma.alerts";
        var alerts = ValueSerdes.from(Map.of("schema.registry.url", registry)).forType(Alert.class).deserializer();
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "mma-java-reader-" + System.nanoTime(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), alerts)) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 30).toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    Alert alert = record.value();
                    System.out.println(record.key() + " " + alert.getType() + " " + alert.getState() + " "
                            + alert.getStatus() + " " + alert.getAlertId());
                });
            }
        }
    }
}
