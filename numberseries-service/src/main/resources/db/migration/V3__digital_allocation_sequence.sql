-- Digital allocations without a global row lock (V2's single cursor row serialised every allocation
-- including its commit). Now each allocation draws k = nextval('digital_allocation_seq'), which never
-- returns a value twice, and maps it through digital_range to a number: the k-th allocation gets
-- number series.first_number + (k - seq_first) of the digital series whose seq_first..seq_last holds k.
-- A rolled-back allocation leaves its number FREE and unused (a gap), never a duplicate; the
-- card_number primary key remains the final guarantee.
drop table digital_allocator;

create sequence digital_allocation_seq as bigint minvalue 1 start 1;

create table digital_range (
    series_id bigint primary key references series (id),
    seq_first bigint not null unique,
    seq_last  bigint not null,
    constraint digital_range_bounds check (seq_first >= 1 and seq_last >= seq_first)
);
