import 'vitest';
import type { LookoutFixture } from './global-setup';

// What test/browser/global-setup.ts provides to the browser tests.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The running Lookout and its monitors; null when Chromium is missing and the tests skip. */
    lookout: LookoutFixture | null;
  }
}
