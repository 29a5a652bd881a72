package com.wooodoo.sync.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of the pipeline that depend on each other, and the errors that name the key. */
class PipelinePropertiesTest {

    @Test
    void workersPerOrganisationIsHalfTheWorkersAtLeastOneUnlessSet() {
        PipelineProperties properties = new PipelineProperties();
        assertThat(properties.getWorkersPerOrganisation()).isEqualTo(2);
        properties.setWorkers(1);
        assertThat(properties.getWorkersPerOrganisation()).isEqualTo(1);
        properties.setWorkers(5);
        assertThat(properties.getWorkersPerOrganisation()).isEqualTo(2);
        properties.setWorkersPerOrganisation(5);
        properties.afterPropertiesSet();
        assertThat(properties.getWorkersPerOrganisation()).isEqualTo(5);
        assertThat(properties.getMaxRetryAfterMs()).isEqualTo(300_000);
    }

    @Test
    void moreWorkersPerOrganisationThanWorkersOrNonPositiveValuesAreRefusedNamingTheKey() {
        PipelineProperties properties = new PipelineProperties();
        properties.setWorkers(2);
        properties.setWorkersPerOrganisation(3);
        assertThatThrownBy(properties::afterPropertiesSet)
                .hasMessageContaining("wooodoo.pipeline.workers-per-organisation").hasMessageContaining("wooodoo.pipeline.workers");
        assertThatThrownBy(() -> properties.setWorkersPerOrganisation(0))
                .hasMessageContaining("wooodoo.pipeline.workers-per-organisation");
        assertThatThrownBy(() -> properties.setMaxRetryAfterMs(0)).hasMessageContaining("wooodoo.pipeline.max-retry-after-ms");
    }
}
