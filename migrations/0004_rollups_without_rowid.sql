-- Rollups stored in their primary key (WITHOUT ROWID): a new hourly row is one row written, not a
-- row and a primary-key index entry. Same columns; every row is carried over.
CREATE TABLE `rollups_packed` (
	`monitor_id` text NOT NULL,
	`region` text NOT NULL,
	`bucket` text NOT NULL,
	`bucket_start` integer NOT NULL,
	`up` integer DEFAULT 0 NOT NULL,
	`degraded` integer DEFAULT 0 NOT NULL,
	`down` integer DEFAULT 0 NOT NULL,
	`unknown` integer DEFAULT 0 NOT NULL,
	`downtime_s` integer DEFAULT 0 NOT NULL,
	`latency_count` integer DEFAULT 0 NOT NULL,
	`latency_sum` integer DEFAULT 0 NOT NULL,
	`latency_min` integer,
	`latency_max` integer,
	`h00` integer DEFAULT 0 NOT NULL,
	`h01` integer DEFAULT 0 NOT NULL,
	`h02` integer DEFAULT 0 NOT NULL,
	`h03` integer DEFAULT 0 NOT NULL,
	`h04` integer DEFAULT 0 NOT NULL,
	`h05` integer DEFAULT 0 NOT NULL,
	`h06` integer DEFAULT 0 NOT NULL,
	`h07` integer DEFAULT 0 NOT NULL,
	`h08` integer DEFAULT 0 NOT NULL,
	`h09` integer DEFAULT 0 NOT NULL,
	`h10` integer DEFAULT 0 NOT NULL,
	`h11` integer DEFAULT 0 NOT NULL,
	`h12` integer DEFAULT 0 NOT NULL,
	`h13` integer DEFAULT 0 NOT NULL,
	`h14` integer DEFAULT 0 NOT NULL,
	`h15` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`monitor_id`, `region`, `bucket`, `bucket_start`),
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `rollups_packed` SELECT * FROM `rollups`;
--> statement-breakpoint
DROP TABLE `rollups`;
--> statement-breakpoint
ALTER TABLE `rollups_packed` RENAME TO `rollups`;
