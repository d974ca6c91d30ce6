ALTER TABLE `deliveries` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `order_key` text;--> statement-breakpoint
ALTER TABLE `ticks` ADD `trigger` text DEFAULT 'cron' NOT NULL;--> statement-breakpoint
ALTER TABLE `ticks` ADD `finished_at` integer;