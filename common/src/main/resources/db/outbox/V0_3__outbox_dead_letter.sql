-- Messages that cannot succeed (the receiver answered 4xx other than 408/409/425/429: the request itself is wrong)
-- leave the outbox for this table instead of being retried for ever and holding up their ordering key. The receiver's
-- status and the start of its answer (a problem document; never personal data by the register's rules) are kept for
-- the operator, who lists them and replays them (GET/POST /api/v1/admin/outbox/<service>/dead-letters) once the cause
-- is fixed. The payload stays until then (it may hold personal data: replay or discard, do not keep for long).
create table outbox_dead_letter (
    id            bigint       primary key,
    destination   varchar(64)  not null,
    path          varchar(300) not null,
    payload       jsonb        not null,
    ordering_key  varchar(200),
    created_at    timestamptz  not null,
    attempts      integer      not null,
    dead_at       timestamptz  not null default now(),
    status        integer      not null,
    answer        varchar(500)
);
