/**
 * The slice of node:crypto that Lookout uses (workerd provides it under `nodejs_compat`), declared
 * here so that @types/node stays out of the Worker's types (its timers and globals differ).
 */
declare module 'node:crypto' {
  export interface KeyObject {
    readonly asymmetricKeyType?: string;
    readonly asymmetricKeyDetails?: { modulusLength?: number };
  }

  export class X509Certificate {
    constructor(buffer: Uint8Array | string);
    readonly subject: string;
    readonly issuer: string;
    readonly subjectAltName: string | undefined;
    readonly serialNumber: string;
    readonly validFrom: string;
    readonly validTo: string;
    readonly fingerprint256: string;
    readonly publicKey: KeyObject;
    checkHost(name: string, options?: { subject?: 'default' | 'always' | 'never' }): string | undefined;
    checkIP(ip: string): string | undefined;
    checkIssued(other: X509Certificate): boolean;
    verify(publicKey: KeyObject): boolean;
  }
}
