import { InitialSchema1795609889829 } from './1795609889829-InitialSchema';

/** Every migration, in order; the generator's output is reviewed, tidied and added here by hand. */
export const MIGRATIONS: Function[] = [InitialSchema1795609889829];
