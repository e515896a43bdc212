-- Issue 10, push: a webhook whose receiver has failed without a break for register.webhooks.suspend-after
-- (default 3 days) is suspended: its queued deliveries are dropped (the feed keeps every change; the library
-- catches up from its feed cursor) and no more are queued until the library registers the webhook again (PUT).
alter table webhook add column suspended_at timestamptz;
alter table webhook add column suspended_reason varchar(500);
-- When the head delivery first failed (null while it has not failed): "failing without a break since".
alter table webhook_delivery add column failing_since timestamptz;

create or replace function webhook_delivery_enqueue() returns trigger language plpgsql as $$
begin
    insert into webhook_delivery (library_number, change_id, xact_id)
    select w.library_number, new.id, new.xact_id
    from webhook w
    where w.library_number = any (new.library_numbers) and w.suspended_at is null;
    return null;
end
$$;
