-- Issue 14: the first-party web site is a kind of its own (WEB_SITE), so that the SERVICE kind, which alone may
-- call /internal, means exactly the register's own services. Expand only: existing rows stay valid.
alter table client drop constraint if exists client_kind_check;
alter table client add constraint client_kind_check
    check (kind in ('LIBRARY_SYSTEM', 'PARTNER', 'DOOR_SYSTEM', 'ILL_SERVICE', 'ADMIN', 'SERVICE', 'WEB_SITE'));
update client set kind = 'WEB_SITE' where client_id = 'selfservice-web' and kind = 'SERVICE';
