CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
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
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`event_type` text NOT NULL,
	`monitor_id` text,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_attempt_at` integer,
	`last_status` integer,
	`last_error` text,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_channel` ON `deliveries` (`event_id`,`channel_id`);--> statement-breakpoint
CREATE INDEX `deliveries_due` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `finding_notices` (
	`monitor_id` text NOT NULL,
	`code` text NOT NULL,
	`last_lead_days` integer,
	`notified_at` integer NOT NULL,
	PRIMARY KEY(`monitor_id`, `code`),
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `heartbeats` (
	`monitor_id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`last_ping_at` integer,
	`last_status` text,
	`last_message` text,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `heartbeats_token_hash_unique` ON `heartbeats` (`token_hash`);--> statement-breakpoint
CREATE TABLE `incident_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`incident_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`source` text NOT NULL,
	`cause` text,
	`regions` text,
	`message` text,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident` ON `incident_events` (`incident_id`,`at`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`monitor_id` text NOT NULL,
	`cause` text NOT NULL,
	`regions` text NOT NULL,
	`started_at` integer NOT NULL,
	`resolved_at` integer,
	`in_maintenance` integer DEFAULT false NOT NULL,
	`dependency_of` text,
	`status` text,
	`last_reminder_at` integer,
	FOREIGN KEY (`monitor_id`) REFERENCES `monitors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incidents_monitor_started` ON `incidents` (`monitor_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `maintenances` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`monitors` text NOT NULL,
	`groups` text NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`weekly` text,
	`source` text NOT NULL
);
--> statement-breakpoint
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
	`alert` text,
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
	`depends_on` text DEFAULT '[]' NOT NULL,
	`policy` text NOT NULL,
	`source` text NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rollups` (
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
	`failed_probers` integer NOT NULL,
	`max_result_id` integer
);
