-- Findings kept once per monitor, written when they change (not in every results row).
CREATE TABLE `monitor_findings` (
	`monitor_id` text PRIMARY KEY NOT NULL,
	`findings` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
-- Each monitor's current findings: those of its newest results row.
INSERT INTO `monitor_findings` (`monitor_id`, `findings`, `updated_at`)
SELECT r.`monitor_id`, coalesce(r.`findings`, '{}'), r.`tick_at`
FROM `results` AS r JOIN `monitors` AS m ON m.`id` = r.`monitor_id`
WHERE r.`tick_at` = (SELECT max(`tick_at`) FROM `results` WHERE `monitor_id` = r.`monitor_id`);
