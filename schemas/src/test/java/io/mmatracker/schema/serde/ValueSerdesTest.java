package io.mmatracker.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import io.mmatracker.schema.WatchRequest;

/** The value serde is chosen by class name in configuration. */
class ValueSerdesTest {

    /** Shaped like Confluent's SpecificAvroSerde: no-argument constructor, configured afterwards. */
    public static class RegistryLikeSerde implements Serde<Object> {
        Map<String, ?> configs;
        Boolean isKey;

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            this.configs = configs;
            this.isKey = isKey;
        }

        @Override
        public Serializer<Object> serializer() {
            return (topic, data) -> new byte[0];
        }

        @Override
        public Deserializer<Object> deserializer() {
            return (topic, data) -> null;
        }
    }

    /** A serde without any usable constructor. */
    public static final class UnusableSerde extends RegistryLikeSerde {
        public UnusableSerde(String unused) {
        }
    }

    @Test
    void withoutConfigurationItIsTheAvroSerde() {
        Serde<WatchRequest> serde = ValueSerdes.forType(WatchRequest.class, Map.of());

        assertThat(serde).isInstanceOf(AvroSerde.class);
        WatchRequest request = WatchRequest.newBuilder().setSourceId(1L).setAsyncTaskId(2L)
                .setRequestedAt(java.time.Instant.ofEpochMilli(3)).build();
        byte[] bytes = serde.serializer().serialize("t", request);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(request);
    }

    @Test
    void aClassWithARecordClassConstructorGetsTheRecordClass() {
        assertThat(ValueSerdes.forType(WatchRequest.class,
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, AvroSerde.class.getName())))
                .isInstanceOf(AvroSerde.class);
    }

    @Test
    void aNoArgumentSerdeIsConfiguredAsAValueSerdeWithTheWholeConfig() {
        Map<String, Object> config = Map.of(
                ValueSerdes.VALUE_SERDE_CLASS_CONFIG, RegistryLikeSerde.class.getName(),
                "schema.registry.url", "http://registry:8081");

        Serde<WatchRequest> serde = ValueSerdes.forType(WatchRequest.class, config);

        assertThat(serde).isInstanceOfSatisfying(RegistryLikeSerde.class, plugged -> {
            assertThat(plugged.configs).isEqualTo(config);
            assertThat(plugged.isKey).isFalse();
        });
    }

    @Test
    void theClassMayBeGivenAsAClassObject() {
        assertThat(ValueSerdes.forType(WatchRequest.class,
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, RegistryLikeSerde.class)))
                .isInstanceOf(RegistryLikeSerde.class);
    }

    @Test
    void anUnknownClassIsRejectedNamingTheKeyAndTheClass() {
        assertThatThrownBy(() -> ValueSerdes.forType(WatchRequest.class,
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, "com.example.NoSuchSerde")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value.serde.class=com.example.NoSuchSerde: the class cannot be loaded");
    }

    @Test
    void aClassThatIsNotASerdeIsRejected() {
        assertThatThrownBy(() -> ValueSerdes.forType(WatchRequest.class,
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, "java.lang.String")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value.serde.class=java.lang.String: the class is not a "
                        + "org.apache.kafka.common.serialization.Serde");
    }

    @Test
    void aSerdeWithoutAUsableConstructorIsRejected() {
        assertThatThrownBy(() -> ValueSerdes.forType(WatchRequest.class,
                Map.of(ValueSerdes.VALUE_SERDE_CLASS_CONFIG, UnusableSerde.class.getName())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value.serde.class=" + UnusableSerde.class.getName())
                .hasMessageContaining("neither a public constructor");
    }
}
