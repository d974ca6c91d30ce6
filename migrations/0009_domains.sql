-- The last RDAP reading per registrable domain: daily domain-expiry checks of http, tcp and tls
-- monitors' hosts (src/jobs/domains.ts). One row per domain, rewritten at most once a day.
CREATE TABLE `domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	`ok` integer NOT NULL,
	`detail` text,
	`reading` text
) WITHOUT ROWID;
