// Values the library keeps and also hands out (records, a person's record ids, merge evidence,
// review suggestions) are frozen, so a caller who edits what it was given cannot corrupt the library's
// state: in strict code the edit throws, elsewhere it is ignored.

/** Freeze a value and every plain object and array reachable from it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    // Descends into frozen values too: a schema may have frozen a container but not its items.
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
