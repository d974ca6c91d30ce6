import { z } from 'zod';

/**
 * Any JSON value (a body, an expected value), one instance everywhere: documents generated from
 * the schemas recognise it by identity and write it as `{}` (any value), not as the recursive
 * union Zod spells out, which typed-client generators cannot express.
 */
export const jsonValue = z.json();
