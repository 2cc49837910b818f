import { InitialSchema1795609889829 } from './1795609889829-InitialSchema';
import { HourLedger1795616000000 } from './1795616000000-HourLedger';
import { MediaAndLearning1795620000000 } from './1795620000000-MediaAndLearning';

/** Every migration, in order; the generator's output is reviewed, tidied and added here by hand. */
export const MIGRATIONS: Function[] = [InitialSchema1795609889829, HourLedger1795616000000, MediaAndLearning1795620000000];
