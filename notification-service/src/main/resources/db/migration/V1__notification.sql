-- Outgoing notifications (R16, R19-R23). A row is written before the send request is answered (202);
-- the delivery worker claims due rows with SELECT ... FOR UPDATE SKIP LOCKED. Personal data (recipient
-- e-mail/phone, patron id, template parameters) is nulled at erasure; the status record stays.
create table notification (
    id                 uuid          primary key,
    requested_by       varchar(200)  not null,
    idempotency_key    varchar(200)  not null,
    template           varchar(40)   not null,
    channel            varchar(10)   not null check (channel in ('EMAIL', 'SMS', 'PREFERRED')),
    language           varchar(2)    check (language in ('nb', 'nn', 'en')),
    patron_id          varchar(64),
    email              varchar(254),
    phone              varchar(16),
    params             text,
    status             varchar(20)   not null check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED_WILL_RETRY', 'DEAD', 'CANCELLED')),
    delivered_channel  varchar(10)   check (delivered_channel in ('EMAIL', 'SMS')),
    attempts           int           not null default 0 check (attempts >= 0),
    last_error         varchar(300),
    next_attempt_at    timestamptz   not null,
    claimed_until      timestamptz,
    created_at         timestamptz   not null,
    sent_at            timestamptz,
    final_at           timestamptz,
    erase_after        timestamptz,
    erased_at          timestamptz,
    constraint notification_idempotency unique (requested_by, idempotency_key)
);

-- The worker's claim query and the queue metrics read only unfinished rows.
create index notification_due on notification (next_attempt_at) where status in ('QUEUED', 'FAILED_WILL_RETRY', 'SENDING');
create index notification_erase_after on notification (erase_after) where erased_at is null;
create index notification_patron on notification (patron_id) where patron_id is not null;
