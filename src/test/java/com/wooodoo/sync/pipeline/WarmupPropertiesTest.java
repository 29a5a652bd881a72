package com.wooodoo.sync.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The warm-up's settings: their defaults, and values out of range refused naming the key. */
class WarmupPropertiesTest {

    @Test
    void isOnByDefaultWithSixRoundsOfAThousandCustomersAtMostThirtySeconds() {
        WarmupProperties properties = new WarmupProperties();
        properties.afterPropertiesSet();
        assertThat(properties.isEnabled()).isTrue();
        assertThat(properties.getRounds()).isEqualTo(6);
        assertThat(properties.getRecords()).isEqualTo(1_000);
        assertThat(properties.getMaxDurationMs()).isEqualTo(30_000);
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheKey() {
        WarmupProperties rounds = new WarmupProperties();
        rounds.setRounds(-1);
        assertThatThrownBy(rounds::afterPropertiesSet).hasMessageContaining("wooodoo.warmup.rounds");
        WarmupProperties records = new WarmupProperties();
        records.setRecords(0);
        assertThatThrownBy(records::afterPropertiesSet).hasMessageContaining("wooodoo.warmup.records");
        WarmupProperties duration = new WarmupProperties();
        duration.setMaxDurationMs(-5);
        assertThatThrownBy(duration::afterPropertiesSet).hasMessageContaining("wooodoo.warmup.max-duration-ms");
    }
}
