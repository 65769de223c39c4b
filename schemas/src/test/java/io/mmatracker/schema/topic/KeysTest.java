package io.mmatracker.schema.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void objectKeysAreReadableAndSplitBack() {
        String key = Keys.object(2000015, 10);
        assertThat(key).isEqualTo("2000015/10");
        assertThat(Keys.sourceIdOf(key)).isEqualTo(2000015);
        assertThat(Keys.objectIdOf(key)).isEqualTo(10);
    }

    @Test
    void dataSourceKeyIsTheSourceId() {
        assertThat(Keys.dataSource(7)).isEqualTo("7");
        assertThat(Keys.sourceIdOf("7")).isEqualTo(7);
    }
}
