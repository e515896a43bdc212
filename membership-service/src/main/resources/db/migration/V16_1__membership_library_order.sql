-- Issue 16, the staff list of a library's members: one index range scan per page, in creation order.
create index membership_library_id on membership (library_number, id);
drop index membership_library;
