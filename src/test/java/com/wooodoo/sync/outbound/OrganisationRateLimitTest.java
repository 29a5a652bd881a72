package com.wooodoo.sync.outbound;

import com.wooodoo.sync.support.OwnDatabase;
import com.wooodoo.sync.support.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared bucket on a real PostgreSQL, with two limiters on two pools of their own as two
 * instances would have them, and a "minute" of {@value #PERIOD_MS} ms so that it takes seconds: an
 * organisation never gets more than its limit in any period however many threads of both ask, and
 * another organisation's requests do not wait behind it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrganisationRateLimitTest {

    private static final long PERIOD_MS = 3_000;
    private static final Duration PERIOD = Duration.ofMillis(PERIOD_MS);
    private static final int LIMIT = 12;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private static OwnDatabase database;
    private static HikariDataSource firstPool;
    private static HikariDataSource secondPool;

    @BeforeAll
    static void createTheTable() {
        database = OwnDatabase.create("rate_" + RUN);
        Flyway.configure().dataSource(database.url(), TestDatabase.USER, TestDatabase.PASSWORD)
                .schemas("wooodoo").defaultSchema("wooodoo")
                .placeholders(java.util.Map.of("service_role", TestDatabase.USER)) // migrating and serving as one role
                .load().migrate();
        firstPool = pool();
        secondPool = pool();
    }

    @AfterAll
    static void dropEverything() {
        if (firstPool != null) {
            firstPool.close();
        }
        if (secondPool != null) {
            secondPool.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void twoInstancesTogetherNeverGrantMoreThanTheLimitInAnyPeriodAndAnotherOrganisationDoesNotWait() throws Exception {
        OrganisationRateLimit first = new OrganisationRateLimit(firstPool, true, PERIOD);
        OrganisationRateLimit second = new OrganisationRateLimit(secondPool, true, PERIOD);
        String busy = "busy-" + RUN;
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
        long runFor = 3 * PERIOD_MS;
        ExecutorService threads = Executors.newFixedThreadPool(6);
        List<Future<?>> takers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            OrganisationRateLimit limiter = i % 2 == 0 ? first : second;
            takers.add(threads.submit(() -> {
                while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(runFor)) {
                    limiter.take(busy, LIMIT);
                    grants.add(System.nanoTime());
                }
                return null;
            }));
        }

        // meanwhile another organisation takes 30 tokens at 600 a period: its burst and refill, not the busy one's
        await("the busy organisation's threads wait").atMost(Duration.ofSeconds(10)).until(() -> grants.size() >= 2);
        long otherStart = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? first : second).take("other-" + RUN, 600);
        }
        Duration otherTook = Duration.ofNanos(System.nanoTime() - otherStart);

        for (Future<?> taker : takers) {
            taker.get(runFor + 10_000, TimeUnit.MILLISECONDS);
        }
        threads.shutdown();

        List<Long> sorted = grants.stream().sorted().toList();
        assertThat(busiestPeriod(sorted)).as("most grants within any %s ms", PERIOD_MS).isLessThanOrEqualTo(LIMIT);
        // the burst (1) and 11 a period for 3 periods: the organisation gets its limit, not less
        assertThat(sorted.size()).as("grants in %s ms", runFor).isGreaterThanOrEqualTo(3 * (LIMIT - 1) - 2);
        assertThat(otherTook).as("another organisation's 30 requests (the busy one would need 8 s)")
                .isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void aStricterLimitReplacesTheBucketsConfigurationAtOnce() throws Exception {
        OrganisationRateLimit limiter = new OrganisationRateLimit(firstPool, true, PERIOD);
        String org = "changed-" + RUN;
        for (int i = 0; i < 5; i++) {
            limiter.take(org, 600); // a burst of 60: no wait
        }
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limiter.take(org, LIMIT);
        }
        // the tokens left are cut to the new burst (1); the other three come 3000 / 11 ms apart
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3 * PERIOD_MS / 11 - 50));
    }

    @Test
    void aConfigurationLetsNoMoreThanTheLimitThroughInAPeriod() {
        OrganisationRateLimit limiter = new OrganisationRateLimit(firstPool, true, PERIOD);
        for (int limit : List.of(1, 2, 9, 10, 60, 61, 1000, 100_000)) {
            var bandwidth = limiter.configuration(limit).getBandwidths()[0];
            assertThat(bandwidth.getRefillPeriodNanos()).isEqualTo(PERIOD.toNanos());
            if (limit == 1) {
                // one token, back a whole period after it was taken
                assertThat(bandwidth.getRefillTokens()).isEqualTo(1);
            } else {
                assertThat(bandwidth.getCapacity() + bandwidth.getRefillTokens()).as("burst and refill at %s", limit)
                        .isEqualTo(limit);
            }
            assertThat(bandwidth.getCapacity()).as("burst at %s", limit).isEqualTo(Math.max(1, limit / 10));
        }
    }

    /** The most grants within any half-open window of one period. */
    private static int busiestPeriod(List<Long> sortedNanos) {
        int most = 0;
        int start = 0;
        for (int end = 0; end < sortedNanos.size(); end++) {
            while (sortedNanos.get(end) - sortedNanos.get(start) >= PERIOD.toNanos()) {
                start++;
            }
            most = Math.max(most, end - start + 1);
        }
        return most;
    }

    private static HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(TestDatabase.USER);
        pool.setPassword(TestDatabase.PASSWORD);
        pool.setSchema("wooodoo");
        pool.setMaximumPoolSize(2);
        return pool;
    }
}
