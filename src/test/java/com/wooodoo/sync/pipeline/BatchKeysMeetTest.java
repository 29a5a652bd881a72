package com.wooodoo.sync.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which batches in flight wait for an earlier one: those whose keys meet its keys. */
class BatchKeysMeetTest {

    @Test
    void theSameRecordOrNaturalKeyMeets() {
        assertThat(BatchesInFlight.meet(Set.of("id:7", "key:ann@x.com"), Set.of("id:7"))).isTrue();
        assertThat(BatchesInFlight.meet(Set.of("id:7"), Set.of("key:ann@x.com", "id:8"))).isFalse();
        assertThat(BatchesInFlight.meet(Set.of("key:1001"), Set.of("key:1001"))).isTrue();
    }

    @Test
    void aGuestsEmailMeetsOnlyTheSameEmailOfACustomerSyncedAlong() {
        assertThat(BatchesInFlight.meet(Set.of("guest:ann@x.com"), Set.of("guest:ann@x.com")))
                .as("guests of one e-mail: the connector finds or makes their partner one batch at a time").isFalse();
        assertThat(BatchesInFlight.meet(Set.of("email:ann@x.com"), Set.of("guest:ann@x.com"))).isTrue();
        assertThat(BatchesInFlight.meet(Set.of("guest:ann@x.com"), Set.of("email:ann@x.com"))).isTrue();
        assertThat(BatchesInFlight.meet(Set.of("email:ann@x.com"), Set.of("email:ann@x.com"))).isTrue();
        assertThat(BatchesInFlight.meet(Set.of("email:bob@x.com"), Set.of("guest:ann@x.com"))).isFalse();
        assertThat(BatchesInFlight.meet(Set.of("key:ann@x.com"), Set.of("guest:ann@x.com")))
                .as("a customer's natural key is not a guest's e-mail: orders and customers are not in flight together").isFalse();
    }
}
