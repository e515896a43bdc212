-- patron-service: the person (R5, R6, R8, R15, R19, R21). Identity numbers only encrypted + keyed hash.
create table patron (
    id                      uuid primary key,
    identity_hash           bytea        not null,
    identity_cipher         bytea        not null,
    identity_key_id         varchar(40)  not null,
    identity_kind           varchar(20)  not null check (identity_kind in ('FODSELSNUMMER', 'D_NUMBER')),
    given_names             varchar(400) not null,
    surname                 varchar(400) not null,
    birth_date              date         not null,
    birth_date_source       varchar(30)  not null check (birth_date_source in ('IDENTITY_NUMBER', 'VERIFIED_IN_PERSON', 'DECLARED')),
    address_protected       boolean      not null default false,
    address_lines           varchar(1000),
    address_postcode        varchar(4)   check (address_postcode ~ '^[0-9]{4}$'),
    address_place           varchar(200),
    address_country         varchar(2),
    temp_address_lines      varchar(1000),
    temp_address_postcode   varchar(4)   check (temp_address_postcode ~ '^[0-9]{4}$'),
    temp_address_place      varchar(200),
    temp_address_country    varchar(2),
    temp_address_until      date,
    phone_home              varchar(20),
    phone_work              varchar(20),
    phone_mobile            varchar(20),
    email                   varchar(254),
    preferred_channel       varchar(10)  not null check (preferred_channel in ('EMAIL', 'SMS')),
    language                varchar(2)   not null check (language in ('nb', 'nn', 'en')),
    state                   varchar(20)  not null check (state in ('ACTIVE', 'DELETED')),
    created_by              varchar(20)  not null,
    created_at              timestamptz  not null,
    changed_by              varchar(20)  not null,
    changed_at              timestamptz  not null,
    last_activity_at        timestamptz,
    version                 bigint       not null default 0,
    constraint patron_identity_hash_unique unique (identity_hash),
    -- R5: a patron with a secret address has no stored address at all.
    constraint patron_secret_address_not_stored check (not address_protected or
        (address_lines is null and address_postcode is null and address_place is null and address_country is null
         and temp_address_lines is null and temp_address_postcode is null and temp_address_place is null
         and temp_address_country is null and temp_address_until is null))
);
create index patron_email_ci on patron (lower(email));

create table card (
    card_number varchar(10) primary key check (card_number ~ '^N[0-9]{9}$'),
    patron_id   uuid        not null references patron (id) on delete cascade,
    kind        varchar(10) not null check (kind in ('PRINTED', 'DIGITAL')),
    state       varchar(10) not null check (state in ('ACTIVE', 'REPLACED', 'DELETED')),
    issued_by   varchar(20) not null,
    issued_at   timestamptz not null
);
create index card_patron on card (patron_id);

-- Read-only copy of membership-service's memberships (fed by its outbox; the registration's own one in-transaction).
create table patron_library (
    patron_id      uuid        not null,
    library_number varchar(7)  not null check (library_number ~ '^[0-9]{7}$'),
    state          varchar(20) not null,
    home           boolean     not null,
    version        bigint      not null,
    primary key (patron_id, library_number)
);

-- Every write appends one, in the same transaction, naming the libraries it concerns at that moment.
create table change_record (
    id               bigserial    primary key,
    patron_id        uuid         not null,
    kind             varchar(20)  not null check (kind in ('CREATED', 'UPDATED', 'CARD_CHANGED', 'DELETED')),
    library_numbers  varchar(7)[] not null,
    changed_by       varchar(20)  not null,
    changed_at       timestamptz  not null
);
create index change_record_patron on change_record (patron_id);
create index change_record_at on change_record (changed_at, id);
