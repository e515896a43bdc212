-- Card-number state, the national digital series, imports and the audit trail (R12, R13, R14).

-- A series is either a library's (kind LIBRARY, owned by library_number) or part of the national
-- digital series owned by the register itself (kind DIGITAL, no library). origin says how it came:
-- ORDER (a library ordered it), IMPORT (taken over from the old register), GROWTH (the digital series
-- reserved a new range when its current one was used up).
alter table series add column kind varchar(7) not null default 'LIBRARY'
    constraint series_kind check (kind in ('LIBRARY', 'DIGITAL'));
alter table series add column origin varchar(6) not null default 'ORDER'
    constraint series_origin check (origin in ('ORDER', 'IMPORT', 'GROWTH'));
alter table series alter column library_number drop not null;
alter table series add constraint series_owner check ((kind = 'LIBRARY') = (library_number is not null));

-- One row per card number that has left FREE; a number without a row is FREE (a 100 000-number
-- series costs one series row, not 100 000). The primary key makes a number ISSUED at most once.
create table card_number (
    number            bigint       primary key check (number between 1 and 999999999),
    series_id         bigint       not null references series (id),
    state             varchar(7)   not null check (state in ('ISSUED', 'RETIRED')),
    library_number    varchar(7)   check (library_number ~ '^[0-9]{7}$'),
    issued_at         timestamptz,
    issued_by         varchar(200),
    issue_request_id  varchar(100),
    retired_at        timestamptz,
    retired_by        varchar(200),
    constraint card_number_retired check ((state = 'RETIRED') = (retired_at is not null)),
    constraint card_number_issued check (state = 'RETIRED' or issued_at is not null)
);
create index card_number_series on card_number (series_id);

-- Request ids of issue and digital-allocation calls: a repeated request id returns the first result.
create table card_number_request (
    request_id     varchar(100) primary key,
    operation      varchar(7)   not null check (operation in ('ISSUE', 'DIGITAL')),
    number         bigint       check (number between 1 and 999999999),
    library_number varchar(7),
    created_at     timestamptz  not null,
    released_at    timestamptz
);
create index card_number_request_number on card_number_request (number);

-- The cursor of the national digital series: the series it allocates from and the next number to try.
-- A single row; allocations lock it, so two allocations never take the same number.
create table digital_allocator (
    id          int     primary key check (id = 1),
    series_id   bigint  references series (id),
    next_number bigint  not null
);

-- Who did what to which numbers, and when (orders, imports and growths cover a range; issues,
-- allocations, releases and retirements one number).
create table audit_event (
    id             bigserial    primary key,
    action         varchar(8)   not null check (action in ('ORDER', 'IMPORT', 'GROWTH', 'ISSUE', 'ALLOCATE', 'RELEASE', 'RETIRE')),
    first_number   bigint       not null,
    last_number    bigint       not null,
    numbers        int8range    generated always as (int8range(first_number, last_number, '[]')) stored,
    series_id      bigint,
    library_number varchar(7),
    actor          varchar(200) not null,
    actor_kind     varchar(20),
    request_id     varchar(100),
    at             timestamptz  not null,
    constraint audit_event_bounds check (first_number >= 1 and last_number >= first_number)
);
create index audit_event_numbers on audit_event using gist (numbers);
