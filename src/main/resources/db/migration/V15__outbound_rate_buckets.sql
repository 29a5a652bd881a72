-- An organisation's outbound requests per minute, counted across every instance on this database:
-- one Bucket4j token bucket per organisation (outbound.OrganisationRateLimit), its state serialised
-- by Bucket4j, read FOR UPDATE and written back in one short transaction per request.
CREATE TABLE outbound_rate_bucket (
    id    text PRIMARY KEY, -- the organisation's id
    state bytea
);
