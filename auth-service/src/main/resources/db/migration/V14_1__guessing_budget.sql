-- Issue 14: the guessing budget. Failed verifications counted per subject and fixed window of a minute, an hour and a
-- day: subject 'client:<client id>' for every client, 'address:<client id>:<end user's address>' where a partner or the
-- self-service site passes its end user's address. Replaces client_failure_window (per minute only), which is no
-- longer written (expand; a later migration drops it once no running version reads it).
create table failure_window (
    subject       varchar(300) not null,
    span          char(1)      not null check (span in ('m', 'h', 'd')),
    window_start  timestamptz  not null,
    failures      integer      not null check (failures >= 0),
    primary key (subject, span, window_start)
);
create index failure_window_start on failure_window (window_start);
