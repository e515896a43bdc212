-- membership-service: library directory, client registry, memberships, data processing agreements (R8, R10, R11, R17, R19, R23).

-- The library directory. Seeded at start from libraries.csv (insert missing only: an admin's change is never overwritten).
create table library (
    library_number        char(7)      primary key check (library_number ~ '^[0-9]{7}$'),
    name                  varchar(200) not null,
    library_type          smallint     not null check (library_type between 0 and 9),
    municipality_code     char(4)      not null check (municipality_code ~ '^[0-9]{4}$'),
    activation_mode       varchar(16)  not null check (activation_mode in ('IN_PERSON', 'DIGITAL')),
    rules_version         integer      not null check (rules_version >= 1),
    rules_text            varchar(4000),
    rules_link            varchar(500),
    rules_valid_from      date,
    security_levels       varchar(200) not null,
    partner_services      varchar(500) not null default '',
    unstaffed_minimum_age integer      check (unstaffed_minimum_age between 0 and 120),
    contact_email         varchar(254),
    dpa_signed_on         date,
    dpa_version           varchar(50),
    dpa_escalation        smallint     not null default 0 check (dpa_escalation between 0 and 4),
    updated_at            timestamptz  not null default now()
);
create index library_name_lower on library (lower(name) varchar_pattern_ops);
create index library_municipality on library (municipality_code);

-- The client registry: Maskinporten client id -> kind, libraries it may act for, partner id, active flag.
create table client (
    client_id       varchar(100)  primary key,
    kind            varchar(20)   not null check (kind in ('LIBRARY_SYSTEM', 'PARTNER', 'DOOR_SYSTEM', 'ILL_SERVICE', 'ADMIN', 'SERVICE')),
    name            varchar(200),
    library_numbers varchar(4000) not null default '',
    partner_id      varchar(100),
    active          boolean       not null default true,
    updated_at      timestamptz   not null default now()
);

-- Every change to a membership takes the next value: patron-service ignores older versions of a (patron, library).
create sequence membership_change_version;

create table membership (
    id             bigserial    primary key,
    patron_id      varchar(64)  not null,
    library_number char(7)      not null references library (library_number),
    state          varchar(20)  not null check (state in ('PENDING_ACTIVATION', 'ACTIVE')),
    rules_version  integer,
    acceptance     varchar(16)  check (acceptance in ('IN_PERSON', 'DIGITAL')),
    accepted_at    timestamptz,
    home           boolean      not null default false,
    version        bigint       not null,
    created_at     timestamptz  not null default now(),
    constraint membership_patron_library unique (patron_id, library_number),
    constraint membership_active_accepted check (state <> 'ACTIVE' or (rules_version is not null and acceptance is not null and accepted_at is not null))
);
-- R8: at most one home library per patron (exactly one is kept by the service).
create unique index membership_one_home on membership (patron_id) where home;
create index membership_library on membership (library_number);
