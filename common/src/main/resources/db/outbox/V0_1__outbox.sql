-- Transactional outbox (ARCHITECTURE.md, Reliability): a message to another service is written in the
-- same transaction as the state change it reports, and delivered later by OutboxRelay. Delivered rows
-- are deleted (payloads may hold personal data). Shipped by common; every service migrates it.
create table outbox (
    id              bigserial    primary key,
    destination     varchar(64)  not null,
    path            varchar(300) not null,
    payload         jsonb        not null,
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(500)
);

create index outbox_due on outbox (next_attempt_at, id);
