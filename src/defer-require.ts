// Bolt requires every receiver when it is imported, so an HTTP-mode app also loads @slack/socket-mode and the npm
// undici behind it (about 9 MiB of idle memory and 150 ms of CPU at start in this app; issue 10) without ever using
// them. deferRequire() puts a stand-in in the CommonJS cache that loads the real package the first time anything
// touches it: at worst (a Bolt release that reads it while loading) the package loads as before, never broken.
import { createRequire, Module } from 'node:module';

/** `specifier` as `fromPackage` resolves it, loaded only on first use. Call before `fromPackage` is imported. */
export function deferRequire(fromPackage: string, specifier: string): void {
  const requireFrom = createRequire(createRequire(import.meta.url).resolve(fromPackage));
  const path = requireFrom.resolve(specifier);
  const cache = requireFrom.cache as Record<string, Module | undefined>;
  if (cache[path]) return;
  let real: object | undefined;
  const load = (): object => {
    if (!real) {
      delete cache[path];
      real = requireFrom(path) as object;
    }
    return real;
  };
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(load(), key),
      has: (_target, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true }; // a proxy may not report a non-configurable property its target lacks
      },
    },
  );
  cache[path] = standIn;
}
