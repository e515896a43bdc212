-- Issue 10, change feed speed: one row per (library, change record) in the feed's order, so that a page for a
-- library is a single index range scan of (library, xact_id, id) with no sort, however large the feed grows.
-- (A GIN index on library_numbers finds a library's records but cannot give them in order: every page had to
-- fetch and sort all of the library's records after the cursor.)
-- Rows are derived from change_record by the trigger below only; change records are never deleted (a deleted
-- patron gets a DELETED tombstone), so there is no foreign key to keep inserts cheap.
create table change_record_library (
    library_number  varchar(7)  not null,
    xact_id         xid8        not null,
    change_id       bigint      not null,
    primary key (library_number, xact_id, change_id)
);

insert into change_record_library (library_number, xact_id, change_id)
select distinct l, c.xact_id, c.id
from change_record c, unnest(c.library_numbers) l;

create function change_record_library_index() returns trigger language plpgsql as $$
begin
    insert into change_record_library (library_number, xact_id, change_id)
    select distinct l, new.xact_id, new.id
    from unnest(new.library_numbers) l;
    return null;
end
$$;
create trigger change_record_library_index after insert on change_record
    for each row execute function change_record_library_index();

drop index change_record_libraries;
