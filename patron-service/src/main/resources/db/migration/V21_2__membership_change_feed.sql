-- Issue 16: the change feed tells library systems about memberships too: added, activated, removed and a new home
-- library, each with its detail in membership_change {libraryNumber, state, home, previousHomeLibrary}.
-- (Numbered after issue 21's V21_1 so that databases already migrated to it move on in order.)
alter table change_record drop constraint change_record_kind_check;
alter table change_record add constraint change_record_kind_check check (kind in ('CREATED', 'UPDATED', 'CARD_CHANGED',
    'DELETED', 'MEMBERSHIP_ADDED', 'MEMBERSHIP_ACTIVATED', 'MEMBERSHIP_REMOVED', 'HOME_LIBRARY_CHANGED'));
alter table change_record add column membership_change jsonb;
