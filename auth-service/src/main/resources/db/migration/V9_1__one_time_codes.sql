-- auth-service (issue 9): one-time codes (R16). The code itself is never stored: only
-- HMAC-SHA256(otp key, otp_id || code), so that a copy of the table does not reveal live codes.
create table one_time_code (
    otp_id        uuid        primary key,
    patron_id     varchar(64) not null,
    purpose       varchar(32) not null
        check (purpose in ('login', 'change-personal-data', 'change-pin', 'change-password')),
    channel       varchar(8)  not null check (channel in ('EMAIL', 'SMS')),
    code_hash     bytea       not null check (length(code_hash) = 32),
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    wrong_tries   integer     not null default 0 check (wrong_tries >= 0),
    consumed_at   timestamptz
);
-- The hourly limit counts a patron's codes by creation time.
create index one_time_code_patron_created on one_time_code (patron_id, created_at);
