// Where a model lives, from the string a user passes: a URL tfjs has an IO route for
// (`http(s)://…/model.json`, `indexeddb://name`, `localstorage://name`, `downloads://name`),
// a `file://` URL, or a directory path (Node).

/** `{ kind: 'directory', path }` or `{ kind: 'url', url, scheme }`. */
export type ModelLocation = { kind: 'directory'; path: string } | { kind: 'url'; url: string; scheme: string };

const schemePattern = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Classifies a model location string. */
export function modelLocation(target: string): ModelLocation {
  const match = schemePattern.exec(target);
  if (!match) return { kind: 'directory', path: target };
  const scheme = (match[1] as string).toLowerCase();
  if (scheme === 'file') return { kind: 'directory', path: decodeURIComponent(new URL(target).pathname) };
  return { kind: 'url', url: target, scheme };
}
