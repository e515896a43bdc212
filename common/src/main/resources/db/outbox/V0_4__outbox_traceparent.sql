-- Traces across the outbox's asynchronous hop (issue 18, docs/observability.md "Traces"): each message keeps the W3C
-- traceparent of the request or job that wrote it (00-<trace id>-<span id>-<flags>, 55 characters; null without a
-- trace), and OutboxRelay sends it in a span continuing that trace. A dead-lettered message keeps it for its replay.
-- Expand-only (a new nullable column): older replicas keep writing rows without it during a rolling deploy.
alter table outbox add column traceparent varchar(55);
alter table outbox_dead_letter add column traceparent varchar(55);
