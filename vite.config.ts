import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { build as esbuild, type Plugin as EsbuildPlugin } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { BREACH_DETAILS_DIR, BREACH_DETAILS_PATH } from './src/core/breach-details';
import { SUFFIX_RULES_PATH } from './src/core/suffix-rules';
import { scriptClosure } from './scripts/lib/script-closure';
import { STYLE_SHEET_LINK, styleSheetsIn } from './scripts/lib/style-sheet-links';

// `vite build --mode chrome` writes dist/chrome, `--mode firefox` writes dist/firefox from the same sources.
type Target = 'chrome' | 'firefox';

/** The one manifest.json, with the few keys Firefox needs in place of Chrome's. */
function manifestFor(target: Target): ManifestV3Export {
  const base = withTestPermissions(JSON.parse(readFileSync('manifest.json', 'utf8')));
  if (target === 'chrome') return base;
  // Chrome's minimum version means nothing to Firefox (strict_min_version below is its own).
  const common = { ...base };
  delete common.minimum_chrome_version;
  return {
    ...common,
    background: { scripts: [base.background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: 'am-i-affected@am-i-affected.example',
        // 140 is the first version (and ESR) that reads data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

/**
 * The e2e test build of the history check (tests/e2e/history.e2e.ts): `history` required instead of optional,
 * because a headless browser cannot answer the permission prompt. A store build never sets AMIA_HISTORY_REQUIRED,
 * and the release's manifest checks refuse a manifest that requires it.
 */
function withTestPermissions<M extends { permissions: string[]; optional_permissions: string[] }>(manifest: M): M {
  if (process.env.AMIA_HISTORY_REQUIRED !== '1') return manifest;
  return {
    ...manifest,
    permissions: [...manifest.permissions, 'history'],
    optional_permissions: manifest.optional_permissions.filter((p) => p !== 'history'),
  };
}

/**
 * Copies folders the manifest does not name file by file (every icon variant, the locales) into the build, and
 * single files (a licence notice) where `from` is a file.
 */
function copyFolders(folders: Record<string, string>): Plugin {
  return {
    name: 'copy-folders',
    apply: 'build',
    generateBundle() {
      for (const [from, to] of Object.entries(folders)) {
        const walk = (dir: string): string[] =>
          readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
        if (statSync(from).isFile()) {
          this.emitFile({ type: 'asset', fileName: to, source: readFileSync(from) });
          continue;
        }
        for (const file of walk(from)) {
          this.emitFile({ type: 'asset', fileName: join(to, relative(from, file)), source: readFileSync(file) });
        }
      }
    },
  };
}

/** Leaves import() alone: what a page loads on demand (DOMPurify) stays in its own chunk, loaded when needed. */
const keepDynamicImports: EsbuildPlugin = {
  name: 'keep-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : null,
    );
  },
};

/**
 * Gives each page one start-up script and one style sheet: after the build, the page's entry and every chunk it
 * imports at start are bundled into `assets/<page>-start-<hash>.js`, and the page's HTML loads that file alone. A
 * page otherwise starts from up to ten small chunks (shared with the other pages and the worker), and loading them
 * costs the popup about 20-30 ms before its first card (measured side by side, issue #15). Its style sheets are
 * joined in their order into `assets/<page>-style-<hash>.css` (two sheets cost the popup's first card 1.5-4 ms
 * against one, in 120-150 opens of each). Chunks and sheets that then nothing loads are removed; chunks the worker
 * loads stay.
 */
function oneStartScriptPerPage(pages: string[]): Plugin {
  let outDir = '';
  return {
    name: 'one-start-script-per-page',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolvePath(config.build.outDir);
    },
    async closeBundle() {
      const starts: string[] = [];
      /** The style sheets the pages link once their own are joined (the rest are removed below). */
      const linked = new Set<string>();
      /** The page's HTML with its style sheets, in their order, joined into one file it links instead. */
      const oneStyleSheet = (page: string, html: string): string => {
        const links = [...html.matchAll(STYLE_SHEET_LINK)];
        if (links.length < 2) return html;
        const css = links.map((m) => readFileSync(join(outDir, m[1]!), 'utf8')).join('\n');
        const fileName = `assets/${page}-style-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
        writeFileSync(join(outDir, fileName), css);
        // The first link becomes the joined sheet's; the others go, with the line break before each.
        let out = html.replace(links[0]![0], `<link rel="stylesheet" crossorigin href="/${fileName}">`);
        for (const [tag] of links.slice(1)) {
          const at = out.indexOf(tag);
          out = out.slice(0, at).trimEnd() + out.slice(at + tag.length);
        }
        return out;
      };
      for (const page of pages) {
        const htmlPath = join(outDir, 'src', page, 'index.html');
        const html = readFileSync(htmlPath, 'utf8');
        const script = /<script type="module" crossorigin src="\/([^"]+)"><\/script>/.exec(html);
        if (!script) throw new Error(`one-start-script-per-page: no module script in src/${page}/index.html`);
        const { outputFiles } = await esbuild({
          entryPoints: [join(outDir, script[1]!)],
          bundle: true,
          format: 'esm',
          target: 'es2022',
          minify: true,
          write: false,
          outdir: join(outDir, 'assets'),
          plugins: [keepDynamicImports],
          logLevel: 'error',
        });
        const code = outputFiles[0]!.contents;
        const fileName = `assets/${page}-start-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
        writeFileSync(join(outDir, fileName), code);
        const out = oneStyleSheet(
          page,
          html
            .replace(script[0], `<script type="module" crossorigin src="/${fileName}"></script>`)
            .replace(/\s*<link rel="modulepreload"[^>]*>/g, ''),
        );
        writeFileSync(htmlPath, out);
        starts.push(join(outDir, fileName));
        for (const sheet of styleSheetsIn(out)) linked.add(sheet);
      }
      // Style sheets no page links any more (each page's are joined into one; scripts name none).
      for (const f of readdirSync(join(outDir, 'assets'))) {
        if (f.endsWith('.css') && !linked.has(`assets/${f}`)) rmSync(join(outDir, 'assets', f));
      }
      // What the manifest's background scripts and the pages' start scripts load, now or on demand, is kept.
      const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
        background: { service_worker?: string; scripts?: string[] };
      };
      const background = [manifest.background.service_worker ?? [], manifest.background.scripts ?? []].flat();
      const loaded = new Set(
        [...background.map((f) => join(outDir, f)), ...starts].flatMap((root) => {
          const { initial, lazy } = scriptClosure(root);
          return [...initial, ...lazy];
        }),
      );
      for (const f of readdirSync(join(outDir, 'assets'))) {
        const path = join(outDir, 'assets', f);
        if (f.endsWith('.js') && !loaded.has(path)) rmSync(path);
      }
    },
  };
}

// Test builds only (tests/e2e/hostile-data.e2e.ts): another generated dataset and output folder.
// A store build (`npm run build`) never sets these.
const GENERATED_DIR = process.env.AMIA_GENERATED_DIR ?? 'data/generated';
const OUT_DIR = process.env.AMIA_OUT_DIR;

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    resolve: { alias: { '@generated': resolvePath(GENERATED_DIR) } },
    plugins: [
      preact(),
      crx({ manifest: manifestFor(target), browser: target }),
      copyFolders({
        icons: 'icons',
        'src/_locales': '_locales',
        // The popup reads each breach it shows from its own file (issue #15).
        [join(GENERATED_DIR, BREACH_DETAILS_DIR)]: BREACH_DETAILS_PATH,
        // Apple's lists are MIT: their notice ships with the code that uses them.
        'data/apple/LICENSE.md': 'data/apple/LICENSE.md',
        // The privacy policy travels with the code it describes; the settings page links to it.
        'PRIVACY.md': 'PRIVACY.md',
        // Read by the worker only when it checks a downloaded list (src/core/suffix-rules.ts); MPL notice inside.
        'data/psl/icann-suffixes.txt': SUFFIX_RULES_PATH,
      }),
      oneStartScriptPerPage(['popup', 'alerts', 'options', 'welcome']),
    ],
    json: { stringify: true },
    build: {
      outDir: OUT_DIR ?? `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // Extension pages load from the package; no module-preload polyfill (it would need inline script).
      modulePreload: { polyfill: false },
      // Pages the manifest does not name (the options page it does) are added as inputs.
      rollupOptions: {
        input: { alerts: 'src/alerts/index.html', welcome: 'src/welcome/index.html' },
        // The worker's breach summary goes in a chunk of its own, so the code's size budgets measure code.
        output: {
          manualChunks: (id: string) =>
            id.startsWith(resolvePath(GENERATED_DIR)) ? `data-${id.split('/').pop()!.replace('.json', '')}` : undefined,
        },
      },
    },
  };
});
