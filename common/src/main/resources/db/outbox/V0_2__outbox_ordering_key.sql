-- Messages that must reach their destination in the order they were written (e.g. the agreement e-mails of one
-- library: reminder 1 before reminder 2 before the final warning) share an ordering key: OutboxRelay sends them
-- one after the other, and a failed one holds back the later ones with its key. Rows without a key go in any order.
alter table outbox add column ordering_key varchar(200);
create index outbox_ordering on outbox (ordering_key, id) where ordering_key is not null;
