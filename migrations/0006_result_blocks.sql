-- Raw results in blocks (src/db/result-blocks.ts): one row per block of monitors per tick instead
-- of one per monitor, keyed by its rowid `block * 2^44 + tick_at`; each monitor's newest checks
-- per block in latest_results. The monitor's block is stored: existing monitors spread by rowid.
ALTER TABLE `monitors` ADD `result_block` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `monitors` SET `result_block` = `rowid` % 16;
--> statement-breakpoint
CREATE TABLE `latest_results` (
	`block` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `result_blocks` (
	`id` integer PRIMARY KEY NOT NULL,
	`block` integer GENERATED ALWAYS AS (id >> 44) VIRTUAL,
	`tick_at` integer GENERATED ALWAYS AS (id & 17592186044415) VIRTUAL,
	`data` text NOT NULL
);
--> statement-breakpoint
-- Every packed row carried over: [region, colo, offset, ttfb, total, status, cause, detail, outcome]
-- becomes [region index, offset, ttfb, total - ttfb, status, cause, detail, outcome, colo], every
-- position written (an explicit null is null; only absent positions take defaults), no row colos.
-- Results of monitors that no longer exist are left behind, as the old readers did.
INSERT INTO `result_blocks` (`id`, `data`)
SELECT m.`result_block` * 17592186044416 + r.`tick_at`,
       json_object('c', json_object(), 'm', json_group_object(r.`monitor_id`, json((
         SELECT json_group_array(json_array(
           CASE c.value ->> 0 WHEN 'wnam' THEN 0 WHEN 'enam' THEN 1 WHEN 'sam' THEN 2 WHEN 'weur' THEN 3
             WHEN 'eeur' THEN 4 WHEN 'apac' THEN 5 WHEN 'oc' THEN 6 WHEN 'afr' THEN 7 WHEN 'me' THEN 8 END,
           c.value -> 2, c.value -> 3,
           CASE WHEN (c.value ->> 3) IS NULL OR (c.value ->> 4) IS NULL THEN c.value -> 4
                ELSE (c.value ->> 4) - (c.value ->> 3) END,
           c.value -> 5, c.value -> 6, c.value -> 7, coalesce(c.value ->> 8, 'up'), c.value -> 1))
         FROM json_each(r.`checks`) AS c))))
FROM `results` AS r JOIN `monitors` AS m ON m.`id` = r.`monitor_id`
GROUP BY m.`result_block`, r.`tick_at`;
--> statement-breakpoint
-- Each monitor's newest checks, per block.
INSERT INTO `latest_results` (`block`, `data`)
SELECT `block`, json_group_object(`monitor_id`, json_array(`tick_at`, json(`checks`)))
FROM (SELECT b.`block` AS `block`, e.key AS `monitor_id`, b.`tick_at` AS `tick_at`, e.value AS `checks`,
             row_number() OVER (PARTITION BY e.key ORDER BY b.`tick_at` DESC) AS n
      FROM `result_blocks` AS b, json_each(b.`data`, '$.m') AS e)
WHERE n = 1
GROUP BY `block`;
--> statement-breakpoint
DROP TABLE `results`;
