/**
 * What a sign-up may hold, for the form and for the API: an email address or a webhook URL, and
 * all public monitors or some groups. Zod at the boundary, shared so the two cannot drift.
 */
import { z } from 'zod';

const EMAIL = /^[^\s@<>"'(),;:\\[\]]+@[^\s@<>"'(),;:\\[\]]+\.[^\s@<>"'(),;:\\[\]]+$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const emailAddress = z
  .string()
  .trim()
  .max(254)
  .regex(EMAIL, 'expected an email address')
  .transform((value) => value.toLowerCase());

/** https, or http to this machine (local development); no credentials in the URL. */
export const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'expected an https URL without credentials');

export const groupList = z.array(z.string().min(1).max(80)).max(100);

/** `POST /api/v1/subscribers`: an already confirmed subscriber, moved from elsewhere. */
export const importBody = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('email'), address: emailAddress, groups: groupList.nullable().default(null) })
    .strict(),
  z
    .object({ kind: z.literal('webhook'), address: webhookUrl, groups: groupList.nullable().default(null) })
    .strict(),
]);

export const listSubscribersQuery = z.object({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const exportQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** The sign-up form's fields (application/x-www-form-urlencoded or multipart). */
export const signUpForm = z.object({
  kind: z.enum(['email', 'webhook']).default('email'),
  address: z.string().trim().min(1).max(2048),
  scope: z.enum(['all', 'groups']).default('all'),
  groups: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
});
