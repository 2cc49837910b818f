import { InitialSchema1795609889829 } from './1795609889829-InitialSchema';
import { HourLedger1795616000000 } from './1795616000000-HourLedger';
import { JobOutbox1795617000000 } from './1795617000000-JobOutbox';
import { MediaAndLearning1795620000000 } from './1795620000000-MediaAndLearning';
import { Assessment1795630000000 } from './1795630000000-Assessment';
import { Attendance1795640000000 } from './1795640000000-Attendance';
import { ScenarioDrills1795650000000 } from './1795650000000-ScenarioDrills';
import { AuthSessions1795700000000 } from './1795700000000-AuthSessions';
import { Ownership1795710000000 } from './1795710000000-Ownership';
import { OneHourLedger1795720000000 } from './1795720000000-OneHourLedger';
import { PartitionHeartbeatLog1795735000000 } from './1795735000000-PartitionHeartbeatLog';
import { PlaybackSessionRevoked1795735100000 } from './1795735100000-PlaybackSessionRevoked';
import { DrillIntegrity1795740000000 } from './1795740000000-DrillIntegrity';
import { AuditLog1795750000000 } from './1795750000000-AuditLog';
import { Certification1795751000000 } from './1795751000000-Certification';
import { PublishedViews1795760000000 } from './1795760000000-PublishedViews';
import { LessonBody1795770000000 } from './1795770000000-LessonBody';
/** Every migration, in order; the generator's output is reviewed, tidied and added here by hand. */
export const MIGRATIONS: Function[] = [
  InitialSchema1795609889829,
  HourLedger1795616000000,
  JobOutbox1795617000000,
  MediaAndLearning1795620000000,
  Assessment1795630000000,
  Attendance1795640000000,
  ScenarioDrills1795650000000,
  AuthSessions1795700000000,
  Ownership1795710000000,
  OneHourLedger1795720000000,
  PartitionHeartbeatLog1795735000000,
  PlaybackSessionRevoked1795735100000,
  DrillIntegrity1795740000000,
  AuditLog1795750000000,
  Certification1795751000000,
  PublishedViews1795760000000,
  LessonBody1795770000000,
];
