// Node built-in modules reached through process.getBuiltinModule (Node ≥ 20.16) rather than an
// import, so browser bundles of @rnnkit/core carry no Node import and simply get null.

/** A Node built-in module, or null outside Node (browsers) or where it is missing. */
export function builtin<T>(id: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    return typeof proc?.getBuiltinModule === 'function' ? ((proc.getBuiltinModule(id) as T | undefined) ?? null) : null;
  } catch {
    return null;
  }
}
