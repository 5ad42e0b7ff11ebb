/**
 * Defer building a value until first use and keep it. Schemas are built this way so that importing
 * omnilink runs nothing (no top-level `z.object`, which also trips zod's CSP probe).
 */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
