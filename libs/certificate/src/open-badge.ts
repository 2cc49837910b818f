import type { BitstringStatusListEntry } from './status-list';
import { type CredentialIssuer, OPEN_BADGES_V3_CONTEXT, VC_V2_CONTEXT, toXsdDateTime } from './vc';

/**
 * A certificate as an Open Badges 3.0 `OpenBadgeCredential` in the VC Data Model 2.0 shape: the
 * tier is the `Achievement`, the holder the `AchievementSubject`, the rule version and the facts
 * that met it at issue time the `evidence`, and `credentialStatus` the certificate's place in the
 * published revocation list. Terms outside the two contexts (`ruleVersion`, `facts`) fall under
 * the VC 2.0 context's issuer-dependent `@vocab`.
 */

export interface TierAchievement {
  /** A stable URL of the tier, e.g. `https://lms.example.cn/api/certification/tiers/cxo-1`. */
  id: string;
  tierCode: string;
  name: string;
  description: string;
  /** What the rules demand, in words (the criteria narrative). */
  criteria: string;
}

export interface CertificateEvidence {
  ruleVersion: number;
  /** The facts that met the rules at issue time, as the eligibility evaluation reported them. */
  facts: Record<string, unknown>;
  /** A sentence for people, e.g. "按 v3 版认证规则于 2022年7月1日 核验通过". */
  narrative?: string;
}

export interface OpenBadgeCredentialInput {
  /** The credential's URL or URN (e.g. `urn:uuid:<certificate id>`). */
  id: string;
  issuer: CredentialIssuer;
  achievement: TierAchievement;
  holder: {
    name: string;
    /** The holder's identifier if they have one (a DID, a URL); optional in Open Badges 3.0. */
    id?: string;
  };
  serial: string;
  validFrom: Date;
  validUntil?: Date | null;
  evidence: CertificateEvidence;
  credentialStatus: BitstringStatusListEntry;
}

export interface OpenBadgeCredential {
  '@context': [typeof VC_V2_CONTEXT, typeof OPEN_BADGES_V3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: CredentialIssuer;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id?: string;
    type: ['AchievementSubject'];
    identifier: [{ type: 'IdentityObject'; identityType: 'name'; hashed: false; identityHash: string }];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Certificate';
      humanCode: string;
      name: string;
      description: string;
      criteria: { narrative: string };
      inLanguage: 'zh-CN';
    };
  };
  evidence: [{ id: string; type: ['Evidence']; name: string; narrative?: string; ruleVersion: number; facts: Record<string, unknown> }];
  credentialStatus: BitstringStatusListEntry;
  /** The certificate's serial (`CXO1-2022-000094`), also under the issuer-dependent vocabulary. */
  serial: string;
}

export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): OpenBadgeCredential {
  const { achievement, evidence } = input;
  if (!Number.isInteger(evidence.ruleVersion) || evidence.ruleVersion < 1) {
    throw new RangeError(`rule version ${evidence.ruleVersion} is not a positive integer`);
  }
  if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime()) {
    throw new RangeError('validUntil is not after validFrom');
  }
  const credential: OpenBadgeCredential = {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${achievement.name}证书`,
    issuer: input.issuer,
    validFrom: toXsdDateTime(input.validFrom),
    credentialSubject: {
      ...(input.holder.id ? { id: input.holder.id } : {}),
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: input.holder.name }],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: 'Certificate',
        humanCode: achievement.tierCode,
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        inLanguage: 'zh-CN',
      },
    },
    evidence: [
      {
        id: `${input.id}#evidence`,
        type: ['Evidence'],
        name: `认证规则第 ${evidence.ruleVersion} 版`,
        ...(evidence.narrative ? { narrative: evidence.narrative } : {}),
        ruleVersion: evidence.ruleVersion,
        facts: evidence.facts,
      },
    ],
    credentialStatus: input.credentialStatus,
    serial: input.serial,
  };
  if (input.validUntil) credential.validUntil = toXsdDateTime(input.validUntil);
  return credential;
}
