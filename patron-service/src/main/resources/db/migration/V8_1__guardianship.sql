-- Issue 8 (R22): a guardian's declared relationship to a child registered by the guardian. The guardian is
-- identified only by the keyed hash of their identity number (the same HMAC as patron.identity_hash), and by
-- their patron id when they are registered themselves. Contact for the child's messages: the guardian's
-- declared e-mail/phone, else the guardian's own record.
create table guardianship (
    child_id            uuid         not null references patron (id) on delete cascade,
    guardian_hash       bytea        not null,
    guardian_patron_id  uuid,
    guardian_email      varchar(254),
    guardian_phone      varchar(20),
    declared_by         varchar(20)  not null check (declared_by in ('GUARDIAN')),
    declared_at         timestamptz  not null,
    confirmed_by        varchar(7)   check (confirmed_by ~ '^[0-9]{7}$'),
    confirmed_at        timestamptz,
    primary key (child_id, guardian_hash),
    constraint guardianship_confirmed_both check ((confirmed_by is null) = (confirmed_at is null))
);
create index guardianship_guardian on guardianship (guardian_hash);

-- Self-registration and guardians create patrons: created_by/changed_by is SELF or GUARDIAN besides library numbers.
