-- auth-service schema (issue 6): credentials, lockout, partner registry, pairwise subjects, rate limits.

-- One row per patron holding credentials; the chosen security level (R17) lives here too.
create table credential (
    patron_id       varchar(64) primary key,
    security_level  varchar(32) not null default 'nlsso-loa-low'
        check (security_level in ('nlsso-loa-low', 'nlsso-loa-substantial', 'nlsso-loa-high')),
    updated_at      timestamptz not null
);

-- Argon2id(HMAC-SHA256(pepper[key_id], secret), salt) with the parameters it was made with, so that
-- parameters can be raised and old hashes rehashed on the next successful login.
create table secret_hash (
    patron_id      varchar(64) not null references credential (patron_id) on delete cascade,
    kind           varchar(16) not null check (kind in ('PIN', 'PASSWORD')),
    hash           bytea       not null,
    salt           bytea       not null,
    memory_kib     integer     not null check (memory_kib >= 19456),
    iterations     integer     not null check (iterations >= 2),
    parallelism    integer     not null check (parallelism >= 1),
    pepper_key_id  varchar(32) not null,
    created_at     timestamptz not null,
    primary key (patron_id, kind)
);

-- Consecutive failures and locks per patron (all of the patron's cards).
create table lockout (
    patron_id             varchar(64) primary key,
    consecutive_failures  integer     not null default 0 check (consecutive_failures >= 0),
    lock_count            integer     not null default 0 check (lock_count >= 0),
    locked_until          timestamptz,
    hard_locked           boolean     not null default false,
    updated_at            timestamptz not null
);

-- Failed verifications per client and fixed window (spray limit).
create table client_failure_window (
    client_id     varchar(128) not null,
    window_start  timestamptz  not null,
    failures      integer      not null,
    primary key (client_id, window_start)
);

-- Partner registry (R18, R11).
create table partner (
    partner_id               varchar(64)  primary key,
    name                     varchar(200) not null,
    kind                     varchar(16)  not null check (kind in ('FILM', 'EBOOK', 'OTHER')),
    age_thresholds           integer[]    not null default '{}',
    requires_paying_library  boolean      not null,
    created_at               timestamptz  not null,
    updated_at               timestamptz  not null
);

-- Pairwise subjects handed to partners by a successful verification, so that a later age check may
-- name the subject instead of card + PIN for a short time.
create table pairwise_verification (
    partner_id   varchar(64) not null,
    subject      varchar(64) not null,
    patron_id    varchar(64) not null,
    card_number  varchar(10) not null,
    verified_at  timestamptz not null,
    primary key (partner_id, subject)
);
create index pairwise_verification_patron on pairwise_verification (patron_id);

-- Age checks per patron, partner and Europe/Oslo day (R18: asking daily must not reveal the birthday).
create table age_check_count (
    patron_id   varchar(64) not null,
    partner_id  varchar(64) not null,
    day         date        not null,
    checks      integer     not null,
    primary key (patron_id, partner_id, day)
);
