export type { ByteSource } from './byte-source';
export { bytesSource, countingSource } from './byte-source';
export type { Container, ProbedMedia, ProbeFailureReason, ProbeOutcome, TrackKind } from './types';
export type { SniffResult } from './sniff';
export { SNIFF_MAX_BYTES, sniffContainer } from './sniff';
export { probeMedia } from './probe';
