-- Issue 10: retired card numbers, local-card aliases (R13), the change feed's transaction order, webhooks.

-- A card number retired while its account lives on (swap R14, lost card, merge) keeps state REPLACED with the reason.
alter table card add column retired_reason varchar(10) check (retired_reason in ('SWAPPED', 'LOST', 'MERGED'));
alter table card add column retired_at timestamptz;
alter table card add column retired_by varchar(20);
-- At most one ACTIVE card per kind per patron.
create unique index card_one_active_per_kind on card (patron_id, kind) where state = 'ACTIVE';

-- R13: a library's local card number linked to the national account. Scoped to the library.
create table card_alias (
    library_number  varchar(7)  not null check (library_number ~ '^[0-9]{7}$'),
    local_number    varchar(40) not null check (local_number ~ '^[A-Za-z0-9-]{1,40}$'),
    patron_id       uuid        not null references patron (id) on delete cascade,
    linked_at       timestamptz not null,
    primary key (library_number, local_number)
);
create index card_alias_patron on card_alias (patron_id);

-- Change feed: the writing transaction's id orders the feed; only records below the oldest running
-- transaction are served, so a slow transaction's record is never skipped.
alter table change_record add column xact_id xid8 not null default pg_current_xact_id();
alter table change_record add column fields varchar(40)[];
alter table change_record add column card_numbers varchar(10)[];
alter table change_record add column card_change jsonb;
create index change_record_feed on change_record (xact_id, id);
create index change_record_libraries on change_record using gin (library_numbers);

-- Push: one webhook per library system (client) and library.
create table webhook (
    library_number  varchar(7)   primary key check (library_number ~ '^[0-9]{7}$'),
    client_id       varchar(100) not null,
    url             varchar(2000) not null,
    secret          varchar(100) not null,
    created_at      timestamptz  not null,
    last_xact_id    xid8         not null default '0',
    last_id         bigint       not null default 0,
    failures        int          not null default 0,
    next_attempt_at timestamptz  not null default now()
);
