/** `@Transform(trimString)`: surrounding spaces typed on a phone are not part of a value. */
export const trimString = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
