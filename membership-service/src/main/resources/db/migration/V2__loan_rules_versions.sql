-- Every published loan-rules version of a library (R10). A version applies from valid_from (a date in
-- Europe/Oslo): the current rules are the highest version whose valid_from is on or before today; later
-- versions are published (shown as upcoming) and become current on their date without any action.
create table loan_rules (
    id             bigserial     primary key,
    library_number char(7)       not null references library (library_number),
    version        integer       not null check (version >= 1),
    text           varchar(4000),
    link           varchar(500),
    valid_from     date          not null,
    published_at   timestamptz   not null default now(),
    constraint loan_rules_library_version unique (library_number, version)
);

-- The library row held only the latest version; it becomes the first row of the history.
insert into loan_rules (library_number, version, text, link, valid_from, published_at)
select library_number, rules_version, rules_text, rules_link, coalesce(rules_valid_from, current_date), updated_at
from library;

alter table library
    drop column rules_version,
    drop column rules_text,
    drop column rules_link,
    drop column rules_valid_from;
