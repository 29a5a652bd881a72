package com.wooodoo.sync.outbound;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The organisation's requests per minute counted across every instance on the database: route
 * step of {@code outboundRequest}, after the local throttle (which shapes each instance's flow).
 * Each metered request takes one token of the organisation's bucket in the table
 * {@code outbound_rate_bucket} (Bucket4j, one row per organisation, keyed by its id as text: ids are
 * short strings, so no hash and no collision, and the row is readable). When none is left the
 * request waits, at most the time one token takes plus a margin, and tries again.
 *
 * <p>At {@code N} requests a minute the bucket holds {@code C = max(1, N / 10)} tokens (the burst) and
 * is refilled greedily with {@code N - C} per minute and arrival margin
 * ({@code wooodoo.outbound.shared-rate-limit.arrival-margin-ms}): tokens taken within any such span
 * number at most {@code C + (N - C) = N}, which a bucket of capacity N refilled N a minute (up to 2N)
 * would not ensure. The margin is for what the system counts: a request reaches it some time after
 * its token was taken (a new connection, a pause of the JVM), so requests taken over a minute and
 * the margin may arrive within 60 s. At {@code N = 1} the one token comes back a whole span after it
 * was taken.
 *
 * <p>Connections: the bucket's row is read {@code FOR UPDATE} and written in one short transaction
 * of its own, on a connection taken from the pool for that command and given back at once; no
 * connection is held while the request waits. Refill is computed from the instances' clocks, which
 * must therefore agree (NTP).
 *
 * <p>Limits of several instances: each instance knows the strictest limit of its own running syncs
 * only. The stored configuration is replaced (tokens kept as they are, {@link TokensInheritanceStrategy#AS_IS})
 * when an instance asks for another limit: within a {@link #CONFIGURATION_EPOCH} the strictest limit
 * asked wins, and a looser one takes over only in a later epoch, so a limit that ended no longer
 * holds the organisation back after that.
 */
@Component("organisationRateLimit")
public class OrganisationRateLimit {

    static final String TABLE = "outbound_rate_bucket";
    /** How long a stricter limit asked by one instance stays in force against a looser one of another. */
    static final Duration CONFIGURATION_EPOCH = Duration.ofSeconds(10);
    private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long WANTED_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ProxyManager<String> buckets;
    private final boolean enabled;
    private final Duration refillPeriod;
    private final Clock clock;

    @Autowired
    public OrganisationRateLimit(DataSource dataSource, OutboundProperties properties) {
        this(dataSource, properties.getSharedRateLimit().isEnabled(),
                Duration.ofMinutes(1).plusMillis(properties.getSharedRateLimit().getArrivalMarginMs()));
    }

    /** {@code refillPeriod}: a minute and the arrival margin, but in tests. */
    OrganisationRateLimit(DataSource dataSource, boolean enabled, Duration refillPeriod) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .build();
        this.enabled = enabled;
        this.refillPeriod = refillPeriod;
        this.clock = Clock.systemUTC();
    }

    /** Route step: a metered request ({@link OutboundBudgets#REQUESTS_PER_MINUTE} set) takes a token, waiting for one if need be. */
    public void takeToken(Exchange exchange) throws InterruptedException {
        Integer requestsPerMinute = exchange.getProperty(OutboundBudgets.REQUESTS_PER_MINUTE, Integer.class);
        String orgId = exchange.getProperty(OutboundChannel.ORGANISATION, String.class);
        if (enabled && requestsPerMinute != null && orgId != null) {
            take(orgId, requestsPerMinute);
        }
    }

    /** Takes one of the organisation's tokens at this limit, waiting until there is one. */
    void take(String orgId, int requestsPerMinute) throws InterruptedException {
        BucketProxy bucket = buckets.builder()
                .withImplicitConfigurationReplacement(configurationVersion(requestsPerMinute), TokensInheritanceStrategy.AS_IS)
                .build(orgId, () -> configuration(requestsPerMinute));
        long longestWait = refillPeriod.toNanos() / refillTokens(requestsPerMinute) + MARGIN_NANOS;
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        while (!probe.isConsumed()) {
            // another instance may take the token meanwhile: try again, never wait longer than one token
            // takes, and look every slice whether the request's sync still wants it
            long waitNanos = Math.min(probe.getNanosToWaitForRefill(), longestWait);
            for (long waited = 0; waited < waitNanos; waited += WANTED_SLICE_NANOS) {
                OutboundWaits.checkWanted(orgId);
                TimeUnit.NANOSECONDS.sleep(Math.min(WANTED_SLICE_NANOS, waitNanos - waited));
            }
            probe = bucket.tryConsumeAndReturnRemaining(1);
        }
    }

    /** Capacity and refill such that no refill period lets more than {@code requestsPerMinute} through. */
    BucketConfiguration configuration(int requestsPerMinute) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(burst(requestsPerMinute))
                        .refillGreedy(refillTokens(requestsPerMinute), refillPeriod))
                .build();
    }

    private static long burst(int requestsPerMinute) {
        return Math.max(1, requestsPerMinute / 10);
    }

    private static long refillTokens(int requestsPerMinute) {
        return Math.max(1, requestsPerMinute - burst(requestsPerMinute));
    }

    /** Later epochs first; within one, the stricter limit (fewer requests) is the newer configuration. */
    private long configurationVersion(int requestsPerMinute) {
        long epoch = clock.millis() / CONFIGURATION_EPOCH.toMillis();
        return (epoch << 32) | (Integer.MAX_VALUE - requestsPerMinute);
    }
}
