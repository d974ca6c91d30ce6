-- Status page subscribers (src/subscribers/): email addresses and webhook URLs, pending until
-- confirmed; one row per (kind, address).
CREATE TABLE `subscribers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`groups` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`language` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscribers_kind_address` ON `subscribers` (`kind`,`address`);--> statement-breakpoint
CREATE INDEX `subscribers_status` ON `subscribers` (`status`,`created_at`);