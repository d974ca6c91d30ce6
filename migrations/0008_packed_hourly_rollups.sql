-- Hourly rollups packed per monitor (src/db/hourly-rollups.ts): one row per monitor and hour,
-- every region's figures in `regions`, so the hour's flush writes, and pruning deletes, a row per
-- monitor instead of one per monitor and region. Kept WITHOUT ROWID: a row is its key, a few
-- hundred bytes at 5 regions (no overflow pages below about 1 KB).
CREATE TABLE `hourly_rollups` (
	`monitor_id` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`regions` text NOT NULL,
	PRIMARY KEY(`monitor_id`, `bucket_start`),
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
-- Every hourly row of `rollups` carried over, a region's figures as
-- [up, degraded, down, unknown, downtime_s, latency_count, latency_sum, latency_min, latency_max,
-- h00..h15] with trailing zeros and nulls left out, as the flush writes them.
INSERT INTO `hourly_rollups` (`monitor_id`, `bucket_start`, `regions`)
SELECT o.`monitor_id`, o.`bucket_start`, json_group_object(o.`region`, json((
         SELECT json_group_array(p.value)
         FROM json_each(json_array(
           o.`up`, o.`degraded`, o.`down`, o.`unknown`, o.`downtime_s`, o.`latency_count`,
           o.`latency_sum`, o.`latency_min`, o.`latency_max`, o.`h00`, o.`h01`, o.`h02`, o.`h03`,
           o.`h04`, o.`h05`, o.`h06`, o.`h07`, o.`h08`, o.`h09`, o.`h10`, o.`h11`, o.`h12`, o.`h13`,
           o.`h14`, o.`h15`)) AS p
         WHERE p.key <= CASE
           WHEN o.`h15` <> 0 THEN 24 WHEN o.`h14` <> 0 THEN 23 WHEN o.`h13` <> 0 THEN 22
           WHEN o.`h12` <> 0 THEN 21 WHEN o.`h11` <> 0 THEN 20 WHEN o.`h10` <> 0 THEN 19
           WHEN o.`h09` <> 0 THEN 18 WHEN o.`h08` <> 0 THEN 17 WHEN o.`h07` <> 0 THEN 16
           WHEN o.`h06` <> 0 THEN 15 WHEN o.`h05` <> 0 THEN 14 WHEN o.`h04` <> 0 THEN 13
           WHEN o.`h03` <> 0 THEN 12 WHEN o.`h02` <> 0 THEN 11 WHEN o.`h01` <> 0 THEN 10
           WHEN o.`h00` <> 0 THEN 9 WHEN o.`latency_max` <> 0 THEN 8
           WHEN o.`latency_min` <> 0 THEN 7 WHEN o.`latency_sum` <> 0 THEN 6
           WHEN o.`latency_count` <> 0 THEN 5 WHEN o.`downtime_s` <> 0 THEN 4
           WHEN o.`unknown` <> 0 THEN 3 WHEN o.`down` <> 0 THEN 2 WHEN o.`degraded` <> 0 THEN 1
           WHEN o.`up` <> 0 THEN 0
           ELSE -1 END)))
FROM `rollups` AS o
WHERE o.`bucket` = 'hour'
GROUP BY o.`monitor_id`, o.`bucket_start`;
--> statement-breakpoint
DELETE FROM `rollups` WHERE `bucket` = 'hour';
--> statement-breakpoint
-- What readers read: the daily rows of `rollups` and the hourly ones unpacked, one row per
-- monitor, region and bucket with the columns of `rollups`. A reader's constraints on monitor
-- and start are pushed into both arms, each a range of its table's primary key.
CREATE VIEW `rollup_rows` AS
SELECT `monitor_id`, `region`, `bucket`, `bucket_start`,
       `up`, `degraded`, `down`, `unknown`, `downtime_s`, `latency_count`, `latency_sum`,
       `latency_min`, `latency_max`, `h00`, `h01`, `h02`, `h03`, `h04`, `h05`, `h06`, `h07`, `h08`,
       `h09`, `h10`, `h11`, `h12`, `h13`, `h14`, `h15`
FROM `rollups`
UNION ALL
SELECT h.`monitor_id`, r.key, 'hour', h.`bucket_start`,
       coalesce(r.value ->> 0, 0), coalesce(r.value ->> 1, 0), coalesce(r.value ->> 2, 0),
       coalesce(r.value ->> 3, 0), coalesce(r.value ->> 4, 0), coalesce(r.value ->> 5, 0),
       coalesce(r.value ->> 6, 0), r.value ->> 7, r.value ->> 8, coalesce(r.value ->> 9, 0),
       coalesce(r.value ->> 10, 0), coalesce(r.value ->> 11, 0), coalesce(r.value ->> 12, 0),
       coalesce(r.value ->> 13, 0), coalesce(r.value ->> 14, 0), coalesce(r.value ->> 15, 0),
       coalesce(r.value ->> 16, 0), coalesce(r.value ->> 17, 0), coalesce(r.value ->> 18, 0),
       coalesce(r.value ->> 19, 0), coalesce(r.value ->> 20, 0), coalesce(r.value ->> 21, 0),
       coalesce(r.value ->> 22, 0), coalesce(r.value ->> 23, 0), coalesce(r.value ->> 24, 0)
FROM `hourly_rollups` AS h CROSS JOIN json_each(h.`regions`) AS r;
