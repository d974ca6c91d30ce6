import { DurableObject } from 'cloudflare:workers';

/** Placeholder while the coordinator is built: see src/coordinator. */
export class TickCoordinator extends DurableObject<Env> {}
