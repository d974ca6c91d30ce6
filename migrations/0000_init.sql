CREATE TABLE `check_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`monitor_id` text NOT NULL,
	`region` text NOT NULL,
	`colo` text NOT NULL,
	`tick_at` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ttfb_ms` integer,
	`total_ms` integer,
	`http_status` integer,
	`outcome` text NOT NULL,
	`cause` text,
	`detail` text,
	`findings` text,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_results_monitor_region_tick` ON `check_results` (`monitor_id`,`region`,`tick_at`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `monitor_state` (
	`monitor_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`since` integer NOT NULL,
	`last_checked_at` integer NOT NULL,
	`regions` text NOT NULL,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `monitors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`group_name` text,
	`kind` text NOT NULL,
	`spec` text NOT NULL,
	`interval_s` integer NOT NULL,
	`regions` text NOT NULL,
	`is_public` integer NOT NULL,
	`source` text NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticks` (
	`scheduled_at` integer PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`probe_ms` integer NOT NULL,
	`checks` integer NOT NULL,
	`up` integer NOT NULL,
	`degraded` integer NOT NULL,
	`down` integer NOT NULL,
	`unknown` integer NOT NULL,
	`failed_probers` integer NOT NULL
);
