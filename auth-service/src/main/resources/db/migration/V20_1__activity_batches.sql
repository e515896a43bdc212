-- Issue 20: activity of successful verifications (R21) waits here, written in the verification's own transaction,
-- until service/ActivityBatches moves up to a batch of rows into one outbox message (one HTTP call to
-- patron-service per batch instead of one per verification). Erasure deletes a patron's rows.
create table activity_pending (
    id          bigserial primary key,
    patron_id   varchar(64) not null,
    card_number varchar(10) not null,
    kind        varchar(16) not null,
    at          timestamptz not null
);
create index activity_pending_patron on activity_pending (patron_id);
