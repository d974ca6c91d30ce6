-- Raw results packed: one row per monitor per tick, stored in its primary key (WITHOUT ROWID),
-- so a tick writes one row per monitor instead of a row and an index entry per check.
CREATE TABLE `results` (
	`monitor_id` text NOT NULL,
	`tick_at` integer NOT NULL,
	`checks` text NOT NULL,
	`findings` text,
	PRIMARY KEY(`monitor_id`, `tick_at`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Carry the existing results over, in the packed form src/db/packed-results.ts reads:
-- [region, colo, start offset from the tick, ttfb, total, status, cause, detail, outcome].
INSERT INTO `results` (`monitor_id`, `tick_at`, `checks`, `findings`)
SELECT `monitor_id`, `tick_at`,
       json_group_array(json_array(`region`, `colo`, `started_at` - `tick_at`, `ttfb_ms`, `total_ms`,
                                   `http_status`, `cause`, `detail`, `outcome`)),
       CASE WHEN count(`findings`) = 0 THEN NULL
            ELSE json_group_object(`region`, json(coalesce(`findings`, '[]'))) END
FROM `check_results`
GROUP BY `monitor_id`, `tick_at`;
