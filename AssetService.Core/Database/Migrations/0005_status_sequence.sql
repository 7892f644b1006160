-- Status messages for one (asset_id, effective_at) are ordered by the queue, not by commit: the Service
-- Bus sequence number of the message that wrote the row. Rows from before this migration count as
-- older than every numbered message.
ALTER TABLE asset_status ADD COLUMN sequence_number bigint NOT NULL DEFAULT 0;
