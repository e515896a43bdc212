-- Card-number series (R12): contiguous ranges of national card numbers N000000001..N999999999,
-- reserved by one library each. PostgreSQL, not Java, guarantees that no two ranges overlap.
create extension if not exists btree_gist;

create table series (
    id             bigserial primary key,
    library_number varchar(7)   not null check (library_number ~ '^[0-9]{7}$'),
    first_number   bigint       not null,
    last_number    bigint       not null,
    numbers        int8range    generated always as (int8range(first_number, last_number, '[]')) stored,
    reserved_at    timestamptz  not null,
    reserved_by    varchar(200) not null,
    constraint series_bounds check (first_number >= 1 and last_number >= first_number and last_number <= 999999999),
    constraint series_no_overlap exclude using gist (numbers with &&)
);

create index series_library on series (library_number, first_number);
