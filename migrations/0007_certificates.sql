-- The last certificate reading per host and port: https monitors' hourly certificate checks
-- (src/jobs/certificates.ts). One row per host:port, rewritten at most once an hour.
CREATE TABLE `certificates` (
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`checked_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`cause` text,
	`detail` text,
	`reading` text,
	PRIMARY KEY(`host`, `port`)
) WITHOUT ROWID;
