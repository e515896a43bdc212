-- The highest reserved number (max(last_number), read under the reservation lock by every batch of orders and
-- every digital growth) from an index instead of a scan over all series. Expand only: adds an index, old code
-- runs unchanged. series holds one row per order (thousands, not millions), so a plain create index is brief.
create index series_last_number on series (last_number);
