-- Issue 21: the population register (Folkeregisteret) keeps names, addresses, address protection, identity
-- numbers and deaths true (docs/population-register.md). No data from the register is stored beyond these columns.

-- A death blocks the patron at once (DECEASED) until the erasure after the grace period deletes the row.
alter table patron drop constraint patron_state_check;
alter table patron add constraint patron_state_check check (state in ('ACTIVE', 'DECEASED', 'DELETED'));
alter table patron drop constraint patron_birth_date_source_check;
alter table patron add constraint patron_birth_date_source_check
    check (birth_date_source in ('IDENTITY_NUMBER', 'VERIFIED_IN_PERSON', 'DECLARED', 'POPULATION_REGISTER'));

-- NOT_CHECKED: registered before this issue or with the register switched off; VERIFIED: the register answered
-- and its name, birth date and address were taken; NOT_FOUND: the register does not know the number (typed data
-- kept); UNVERIFIED: the register did not answer at registration (typed data, marked unverified, reconciled later).
alter table patron add column population_check varchar(20) not null default 'NOT_CHECKED'
    check (population_check in ('NOT_CHECKED', 'VERIFIED', 'NOT_FOUND', 'UNVERIFIED'));
alter table patron add column population_checked_at timestamptz;
-- Which of the patron's fields hold the register's value (givenNames, surname, birthDate, permanentAddress,
-- addressProtected; comma-separated), shown in the patron's view.
alter table patron add column register_fields varchar(200) not null default '';
-- The register's address protection (R5). While set, the secret-address flag stays on: no write may put an
-- address back (also enforced here, so no code path can).
alter table patron add column register_protection varchar(30)
    check (register_protection in ('STRICTLY_CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL_ABROAD', 'CONFIDENTIAL'));
alter table patron add constraint patron_register_protection_kept
    check (register_protection is null or address_protected);
-- The register's person status (RESIDENT, EMIGRATED, DECEASED, OTHER) and when a death/emigration was recorded here.
alter table patron add column population_status varchar(20)
    check (population_status in ('RESIDENT', 'EMIGRATED', 'DECEASED', 'OTHER'));
alter table patron add column deceased_recorded_at timestamptz;
alter table patron add column emigrated_recorded_at timestamptz;
create index patron_population_unverified on patron (id) where population_check = 'UNVERIFIED';
create index patron_deceased_due on patron (deceased_recorded_at) where state = 'DECEASED';

-- The event feed's cursor: one row. next_sequence is the first event not yet processed; it moves only in the
-- transaction that applied the events before it (at least once, never skipped).
create table population_feed_cursor (
    id                 smallint    primary key check (id = 1),
    next_sequence      bigint      not null check (next_sequence >= 1),
    last_event_at      timestamptz,
    last_processed_at  timestamptz,
    last_poll_at       timestamptz,
    register_latest    bigint
);
insert into population_feed_cursor (id, next_sequence) values (1, 1);

-- Two patrons that the register says are one person (e.g. a D-number and a fødselsnummer registered apart): for
-- NB's back office to merge with the existing admin merge (POST /api/v1/admin/patrons/{a}/merge).
create table population_merge_candidate (
    id           bigserial   primary key,
    patron_id    uuid        not null,
    other_id     uuid        not null,
    detected_at  timestamptz not null,
    constraint population_merge_candidate_pair unique (patron_id, other_id)
);

alter table erasure_log drop constraint erasure_log_cause_check;
alter table erasure_log add constraint erasure_log_cause_check check (cause in ('SELF', 'ADMIN', 'INACTIVITY', 'DECEASED'));
