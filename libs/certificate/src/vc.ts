/** What every credential this library builds shares (W3C VC Data Model 2.0). */

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The issuer as an Open Badges `Profile` (also valid as a plain VC issuer object). */
export interface CredentialIssuer {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
}

export function issuerProfile(id: string, name: string, url?: string): CredentialIssuer {
  return url ? { id, type: ['Profile'], name, url } : { id, type: ['Profile'], name };
}

/** `xsd:dateTimeStamp` in UTC to the second, as VC 2.0 wants for `validFrom`/`validUntil`. */
export function toXsdDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
