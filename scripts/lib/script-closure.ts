import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// What a built script loads: read from the bundler's output as text (relative `import`/`from` paths), for the size
// check (scripts/check-size.ts) and for the build's clean-up of chunks nothing loads (vite.config.ts).

/** The JS files an entry loads when it starts (static imports), and those it may load later (import()). */
export function scriptClosure(entry: string): { initial: string[]; lazy: string[] } {
  const initial = new Set<string>();
  const lazyRoots = new Set<string>();
  const visit = (file: string, into: Set<string>) => {
    if (into.has(file)) return;
    into.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      visit(resolve(dirname(file), m[1]!), into);
    }
    for (const m of code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      lazyRoots.add(resolve(dirname(file), m[1]!));
    }
  };
  visit(entry, initial);
  const lazy = new Set<string>();
  for (const root of lazyRoots) visit(root, lazy);
  return { initial: [...initial], lazy: [...lazy].filter((f) => !initial.has(f)) };
}
