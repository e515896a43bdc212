-- Issue 11 (R20, R21, R22): the patron's lifecycle.

-- R21: one row per patron warned about deletion after inactivity. No foreign key on purpose: a patron deleted by
-- other means (unregistration, merge) leaves a harmless orphan that the job drops; the erasure deletes it too.
-- warned_at is the job's time of the warning; deletion_date the Europe/Oslo date from which the patron is deleted
-- when no activity was recorded after warned_at.
create table inactivity_warning (
    patron_id      uuid        primary key,
    warned_at      timestamptz not null,
    deletion_date  date        not null
);
create index inactivity_warning_due on inactivity_warning (deletion_date);

-- The inactivity scan: last activity, or the registration when there was none.
create index patron_inactive_since on patron ((coalesce(last_activity_at, created_at)));

-- R20/R21: who deleted a patron, when and why (admin reasons are recorded here). No personal data: the
-- patron id is an opaque id the other services also used; card numbers are retired, never reissued.
create table erasure_log (
    patron_id    uuid         primary key,
    cause        varchar(20)  not null check (cause in ('SELF', 'ADMIN', 'INACTIVITY')),
    erased_by    varchar(100) not null,
    reason       varchar(500),
    erased_at    timestamptz  not null
);
