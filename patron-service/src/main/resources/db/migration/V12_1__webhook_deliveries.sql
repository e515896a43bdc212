-- Issue 10, push: webhook deliveries as a durable queue written in the same transaction as each change record.
-- The per-webhook cursor columns of V10_1 are replaced by one delivery row per (webhook, change record); the
-- secret is stored sealed (AES-256-GCM with the identity vault's key: "<key id>:<base64>").
alter table webhook drop column last_xact_id;
alter table webhook drop column last_id;
alter table webhook drop column failures;
alter table webhook drop column next_attempt_at;
alter table webhook alter column secret type varchar(400);
alter table webhook add column updated_at timestamptz;

create table webhook_delivery (
    id              bigserial    primary key,
    library_number  varchar(7)   not null references webhook (library_number) on delete cascade,
    change_id       bigint       not null,
    xact_id         xid8         not null,
    created_at      timestamptz  not null default now(),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(500),
    unique (library_number, change_id)
);
-- Delivery order per webhook is the feed's order.
create index webhook_delivery_order on webhook_delivery (library_number, xact_id, change_id);

-- Every change record (whoever writes it) queues one delivery per library recorded on it that has a webhook,
-- in the writing transaction: committed together or not at all.
create function webhook_delivery_enqueue() returns trigger language plpgsql as $$
begin
    insert into webhook_delivery (library_number, change_id, xact_id)
    select w.library_number, new.id, new.xact_id
    from webhook w
    where w.library_number = any (new.library_numbers);
    return null;
end
$$;
create trigger change_record_webhook_delivery after insert on change_record
    for each row execute function webhook_delivery_enqueue();
